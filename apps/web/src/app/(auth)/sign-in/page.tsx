import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
import { Card } from "@/components/ui/card";
import { SignInForm } from "@/features/auth/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <Card className="p-6">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-6 text-sm text-muted">Train, compare, approve and deploy models.</p>
          <SignInForm />
        </Card>
        <p className="mt-4 text-center text-xs text-muted">
          On a fresh install the sign-in accounts are printed by <code className="font-mono">pnpm start</code>.
        </p>
      </div>
    </main>
  );
}
