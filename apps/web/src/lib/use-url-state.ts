"use client";

import { usePathname, useSearchParams } from "next/navigation";

/**
 * A page's state kept in its address (shareable, back-button safe). Changes go through the History
 * API, which Next's useSearchParams follows, so the server is not asked to render the page again.
 */
export function useUrlState() {
  const pathname = usePathname();
  const search = useSearchParams();
  const query = Object.fromEntries(search.entries()) as Record<string, string | undefined>;
  const replace = (params: URLSearchParams) => window.history.replaceState(null, "", params.size ? `${pathname}?${params}` : pathname);
  /** Sets (or, with "" or undefined, removes) several parameters at once. */
  const set = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(search.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    replace(params);
  };
  return { query, search: search.toString(), set, clear: () => replace(new URLSearchParams()) };
}
