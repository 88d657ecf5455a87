"use client";

import type { PromotionDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { promotionKeys } from "../lib/query-keys";

export function useReviewPromotion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: "approved" | "rejected"; comment: string }) =>
      api<PromotionDto>(`/api/v1/promotions/${id}/decision`, { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: promotionKeys.all }),
  });
}
