"use client";

import { ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CreateClinicForm } from "@/components/auth/create-clinic-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { type OrganisationSummary, roleLabelKeys } from "@/lib/api-types";
import { cn } from "@/lib/cn";
import { ClinicAvatar } from "./clinic-avatar";

export interface OrgSwitcherProps {
  organisations: OrganisationSummary[];
  current: OrganisationSummary;
}

/**
 * The clinic the person is working in, and a menu of their other clinics (with their role in
 * each). Switching calls PUT /api/me/current-organisation and re-renders the dashboard.
 */
export function OrgSwitcher({ organisations, current }: OrgSwitcherProps) {
  const router = useRouter();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  async function switchTo(id: string) {
    if (id === current.id) return;
    setSwitchingTo(id);
    setError(null);
    const result = await apiFetch("/api/me/current-organisation", { method: "PUT", body: { organisation_id: id } });
    if (!result.ok) setError(errorText(result.error));
    else router.refresh();
    setSwitchingTo(null);
  }

  return (
    <div>
      <DropdownMenu>
        <DropdownMenuTrigger
          className={cn(
            "flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left transition-colors hover:bg-slate-200/50 data-[state=open]:bg-slate-200/60",
            focusRing,
          )}
          data-testid="org-switcher"
        >
          <ClinicAvatar id={current.id} name={current.name} size="lg" />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold text-slate-900">{current.name}</span>
            <span className="block text-xs text-slate-600">{switchingTo ? t("nav.switching") : t(roleLabelKeys[current.role])}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>{t("nav.yourClinics")}</DropdownMenuLabel>
          {organisations.map((organisation) => (
            <DropdownMenuCheckItem
              key={organisation.id}
              checked={organisation.id === current.id}
              onSelect={() => switchTo(organisation.id)}
            >
              <ClinicAvatar id={organisation.id} name={organisation.name} size="sm" />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-slate-900">{organisation.name}</span>
                <span className="block text-xs text-slate-500">{t(roleLabelKeys[organisation.role])}</span>
              </span>
            </DropdownMenuCheckItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            {t("nav.createAnother")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {error && (
        <p role="alert" className="mt-1 px-2 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent title={t("nav.createAnother")} description={t("nav.createAnotherDescription")}>
          <CreateClinicForm
            additional
            onCreated={() => setCreating(false)}
            secondaryAction={
              <DialogClose asChild>
                <Button>{t("common.cancel")}</Button>
              </DialogClose>
            }
          />
        </DialogContent>
      </Dialog>
    </div>
  );
}
