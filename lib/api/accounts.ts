"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, callApi } from "./fetcher";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: "admin" | "researcher";
  disabled: boolean;
  createdAt: string;
}

/** better-auth answers `{ message, code }`; the app's routes `{ error, code }`: one ApiError for both. */
async function callAuth(path: string, json: unknown): Promise<void> {
  const response = await fetch(`/api/auth/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(json),
  });
  if (response.ok) return;
  const body = await response.json().catch(() => null);
  throw new ApiError(body?.message ?? body?.error ?? `${response.status}`, response.status);
}

export const signIn = (email: string, password: string) => callAuth("sign-in/email", { email, password });
export const signOut = () => callAuth("sign-out", {});
/** Ends every session of the account (this one too). */
export const signOutEverywhere = async () => {
  await callAuth("revoke-sessions", {});
  await signOut().catch(() => {});
};

export const createFirstAccount = (body: { name: string; email: string; password: string; setupToken?: string }) =>
  callApi("/api/setup", { method: "POST", json: body });

export const acceptInvite = (body: { token: string; name: string; password: string }) =>
  callApi("/api/invites/accept", { method: "POST", json: body });

const usersKey = ["users"] as const;

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => callApi<{ users: UserRow[] }>("/api/users").then((r) => r.users) });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; role?: UserRow["role"]; disabled?: boolean }) =>
      callApi(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", json: change }),
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useInvite() {
  return useMutation({
    mutationFn: (body: { email: string; role: UserRow["role"] }) =>
      callApi<{ path: string; email: string; role: string; expiresAt: string }>("/api/invites", { method: "POST", json: body }),
  });
}
