"use client";

import type { UserDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { userKeys } from "../lib/query-keys";

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: () => api<{ items: UserDto[] }>("/api/v1/users") });
}
