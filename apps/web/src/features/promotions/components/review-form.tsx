"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useReviewPromotion } from "../hooks/use-review-promotion";

/** A review: approve or reject with a comment. The server refuses the requester and a second review too. */
export function ReviewForm({ requestId, alias }: { requestId: string; alias: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const review = useReviewPromotion(requestId);
  const send = (decision: "approved" | "rejected") => review.mutate({ decision, comment }, { onSuccess: () => router.refresh() });
  return (
    <form className="flex flex-col gap-3" onSubmit={(e) => e.preventDefault()} aria-label="Review">
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
      {review.error && (
        <p className="text-sm text-danger" role="alert">
          {review.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={() => send("approved")} disabled={review.isPending}>
          Approve and move {alias}
        </Button>
        <Button variant="danger" onClick={() => send("rejected")} disabled={review.isPending || comment.trim() === ""}>
          Reject
        </Button>
      </div>
    </form>
  );
}
