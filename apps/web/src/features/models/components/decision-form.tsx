"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useDecidePromotion } from "../hooks/use-decide-promotion";

/** Approve or reject with a comment. The server refuses the requester and a second decision too. */
export function DecisionForm({ requestId, alias }: { requestId: string; alias: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const decide = useDecidePromotion(requestId);
  const send = (decision: "approved" | "rejected") => decide.mutate({ decision, comment }, { onSuccess: () => router.refresh() });
  return (
    <form className="flex flex-col gap-3" onSubmit={(e) => e.preventDefault()} aria-label="Decide">
      <label htmlFor="comment" className="text-sm font-medium">
        Comment <span className="font-normal text-muted">(required to reject)</span>
      </label>
      <textarea
        id="comment"
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        className="rounded-md border border-border bg-surface p-2 text-sm"
        placeholder="What you checked"
      />
      {decide.error && (
        <p className="text-sm text-danger" role="alert">
          {decide.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={() => send("approved")} disabled={decide.isPending}>
          Approve and move {alias}
        </Button>
        <Button variant="danger" onClick={() => send("rejected")} disabled={decide.isPending || comment.trim() === ""}>
          Reject
        </Button>
      </div>
    </form>
  );
}
