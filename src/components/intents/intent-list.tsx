"use client";

import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionLabelKey, type Intent } from "./intent-types";

export interface IntentListProps {
  intents: Intent[];
  canEdit: boolean;
  /** Reordering is only offered on the full list (not while a search filters it). */
  canReorder: boolean;
  busy: boolean;
  onOpen: (intent: Intent) => void;
  onMove: (intent: Intent, direction: -1 | 1) => void;
  onDelete: (intent: Intent) => Promise<string | null>;
}

/** The intents in prompt order: name, languages, action and state, with move, edit and delete. */
export function IntentList({ intents, canEdit, canReorder, busy, onOpen, onMove, onDelete }: IntentListProps) {
  const t = useTranslations();
  return (
    <ol className="divide-y divide-slate-100" aria-label={t("intents.list")}>
      {intents.map((intent, index) => (
        <li key={intent.id} className="flex flex-wrap items-center gap-3 px-5 py-3.5" data-testid="intent-row">
          {canEdit && canReorder && (
            <div className="flex flex-col">
              <Button
                size="icon"
                variant="ghost"
                className="size-6"
                aria-label={t("intents.moveUp", { name: intent.name })}
                disabled={busy || index === 0}
                onClick={() => onMove(intent, -1)}
              >
                <ArrowUp className="size-3.5" aria-hidden="true" />
              </Button>
              <Button
                size="icon"
                variant="ghost"
                className="size-6"
                aria-label={t("intents.moveDown", { name: intent.name })}
                disabled={busy || index === intents.length - 1}
                onClick={() => onMove(intent, 1)}
              >
                <ArrowDown className="size-3.5" aria-hidden="true" />
              </Button>
            </div>
          )}
          <button type="button" className="min-w-0 flex-1 text-left" onClick={() => onOpen(intent)}>
            <span className="block truncate font-medium text-slate-900">{intent.name}</span>
            <span className="block truncate text-[13px] text-slate-500">
              {intent.example_phrases
                .slice(0, 3)
                .map((p) => `“${p}”`)
                .join(" · ")}
              {intent.example_phrases.length > 3 && ` +${intent.example_phrases.length - 3}`}
            </span>
          </button>
          <div className="flex flex-wrap items-center gap-1.5">
            {intent.response_en && <Badge tone="neutral">EN</Badge>}
            {intent.response_ru && <Badge tone="neutral">RU</Badge>}
            <Badge tone="brand">{t(actionLabelKey(intent.action))}</Badge>
            {intent.is_active ? (
              <Badge tone="success" dot>
                {t("intents.active")}
              </Badge>
            ) : (
              <Badge tone="warning" dot>
                {t("intents.off")}
              </Badge>
            )}
          </div>
          <div className="flex items-center gap-1">
            <Button size="sm" variant="ghost" onClick={() => onOpen(intent)}>
              <Pencil className="size-3.5" aria-hidden="true" />
              {canEdit ? t("intents.edit") : t("intents.view")}
            </Button>
            {canEdit && (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="ghost" aria-label={t("intents.deleteLabel", { name: intent.name })}>
                    <Trash2 className="size-3.5" aria-hidden="true" />
                  </Button>
                }
                title={t("intents.deleteTitle", { name: intent.name })}
                description={t("intents.deleteDescription")}
                confirmLabel={t("intents.deleteConfirm")}
                destructive
                onConfirm={() => onDelete(intent)}
              />
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
