"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * A page's state kept in its address (shareable, back-button safe). Changes go through the History
 * API, which Next's useSearchParams follows, so the server is not asked to render the page again.
 * Next applies that change in a transition; the local copy makes a ticked box show ticked at once,
 * and lets two quick changes build on each other.
 */
export function useUrlState() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const fromUrl = searchParams.toString();
  const [search, setSearch] = useState(fromUrl);
  useEffect(() => setSearch(fromUrl), [fromUrl]);
  const query = Object.fromEntries(new URLSearchParams(search).entries()) as Record<string, string | undefined>;
  const replace = (params: URLSearchParams) => {
    setSearch(params.toString());
    window.history.replaceState(null, "", params.size ? `${pathname}?${params}` : pathname);
  };
  /** Sets (or, with "" or undefined, removes) several parameters at once. */
  const set = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    replace(params);
  };
  return { query, search, set, clear: () => replace(new URLSearchParams()) };
}
