"use client";

import type { PromotionDto, PromotionRequestBody } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { promotionKeys } from "../lib/query-keys";

export function useRequestPromotion(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PromotionRequestBody) =>
      api<PromotionDto>(`/api/v1/models/${encodeURIComponent(name)}/promotions`, { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: promotionKeys.all }),
  });
}
