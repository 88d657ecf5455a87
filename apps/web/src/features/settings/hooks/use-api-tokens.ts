"use client";

import type { ApiTokenDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiTokenKeys } from "../lib/query-keys";

export function useApiTokens() {
  return useQuery({ queryKey: apiTokenKeys.all, queryFn: () => api<{ items: ApiTokenDto[] }>("/api/v1/tokens") });
}
