"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { withNext } from "@/lib/safe-next";
import { useApiForm } from "@/lib/use-api-form";

export interface LoginFormProps {
  next: string;
  email?: string;
}

export function LoginForm({ next, email = "" }: LoginFormProps) {
  const router = useRouter();
  const form = useApiForm({
    initial: { email, password: "" },
    labels: { email: "Email", password: "Password" },
    navigatesOnSuccess: true,
    submit: (values) => apiFetch("/api/auth/login", { method: "POST", body: values }),
    onSuccess: () => {
      router.push(next);
      router.refresh();
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      <Field label="Email" error={form.errors.email}>
        <Input type="email" autoComplete="email" autoFocus={!email} {...form.register("email")} />
      </Field>
      <Field label="Password" error={form.errors.password}>
        <Input type="password" autoComplete="current-password" autoFocus={Boolean(email)} {...form.register("password")} />
      </Field>
      {form.formError && <Alert variant={form.lastError?.code === "rate_limited" ? "warning" : "danger"}>{form.formError}</Alert>}
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
        Log in
      </Button>
      <p className="text-center text-sm text-slate-500">
        New to Clinicall?{" "}
        <Link href={withNext("/signup", next === "/dashboard" ? undefined : next)} className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
