"use client";

import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionLabel, type Intent } from "./intent-types";

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
  return (
    <ol className="divide-y divide-slate-100" aria-label="Intents">
      {intents.map((intent, index) => (
        <li key={intent.id} className="flex flex-wrap items-center gap-3 px-5 py-3.5" data-testid="intent-row">
          {canEdit && canReorder && (
            <div className="flex flex-col">
              <Button
                size="icon"
                variant="ghost"
                className="size-6"
                aria-label={`Move “${intent.name}” up`}
                disabled={busy || index === 0}
                onClick={() => onMove(intent, -1)}
              >
                <ArrowUp className="size-3.5" aria-hidden="true" />
              </Button>
              <Button
                size="icon"
                variant="ghost"
                className="size-6"
                aria-label={`Move “${intent.name}” down`}
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
            <Badge tone="brand">{actionLabel(intent.action)}</Badge>
            {intent.is_active ? (
              <Badge tone="success" dot>
                Active
              </Badge>
            ) : (
              <Badge tone="warning" dot>
                Off
              </Badge>
            )}
          </div>
          <div className="flex items-center gap-1">
            <Button size="sm" variant="ghost" onClick={() => onOpen(intent)}>
              <Pencil className="size-3.5" aria-hidden="true" />
              {canEdit ? "Edit" : "View"}
            </Button>
            {canEdit && (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="ghost" aria-label={`Delete “${intent.name}”`}>
                    <Trash2 className="size-3.5" aria-hidden="true" />
                  </Button>
                }
                title={`Delete “${intent.name}”?`}
                description="The receptionist stops using it on calls at once. This cannot be undone; switch it off instead to keep it."
                confirmLabel="Delete intent"
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
