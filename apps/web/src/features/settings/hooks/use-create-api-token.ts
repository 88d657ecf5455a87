"use client";

import type { ApiTokenDto, CreateApiTokenRequest } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiTokenKeys } from "../lib/query-keys";

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenRequest) => api<ApiTokenDto & { token: string }>("/api/v1/tokens", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
