"use client";

import { MessageSquareText, Plus, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { SkeletonRows } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { IntentEditor } from "./intent-editor";
import { IntentList } from "./intent-list";
import type { Intent } from "./intent-types";

export interface IntentsManagerProps {
  canEdit: boolean;
  clinicName: string;
}

type Editing = { intent: Intent | null } | null;

/** The Intents page: search, reorder, and one editor open at a time. */
export function IntentsManager({ canEdit, clinicName }: IntentsManagerProps) {
  const intents = useApiResource<Intent[]>("/api/intents");
  const [editing, setEditing] = useState<Editing>(null);
  const [query, setQuery] = useState("");
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();

  const list = intents.data;
  const needle = query.trim().toLowerCase();
  const shown = list?.filter(
    (i) =>
      !needle ||
      [i.name, i.response_en ?? "", i.response_ru ?? "", ...i.example_phrases].some((text) => text.toLowerCase().includes(needle)),
  );

  async function move(intent: Intent, direction: -1 | 1) {
    if (!list) return;
    const from = list.findIndex((i) => i.id === intent.id);
    const to = from + direction;
    if (from < 0 || to < 0 || to >= list.length) return;
    const ids = list.map((i) => i.id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    setMoving(true);
    setError(null);
    const result = await apiFetch<Intent[]>("/api/intents/order", { method: "PUT", body: { ids } });
    setMoving(false);
    if (result.ok) intents.setData(() => result.data);
    else {
      setError(errorText(result.error));
      await intents.reload();
    }
  }

  async function remove(intent: Intent): Promise<string | null> {
    const result = await apiFetch(`/api/intents/${intent.id}`, { method: "DELETE" });
    if (!result.ok && result.status !== 404) return errorText(result.error);
    if (editing?.intent?.id === intent.id) setEditing(null);
    intents.setData((current) => current?.filter((i) => i.id !== intent.id) ?? null);
    return null;
  }

  async function latest(id: string): Promise<Intent | null> {
    const result = await apiFetch<Intent>(`/api/intents/${id}`);
    return result.ok ? result.data : null;
  }

  function saved() {
    setEditing(null);
    void intents.reload();
  }

  const newButton = canEdit && (
    <Button variant="primary" onClick={() => setEditing({ intent: null })} disabled={editing !== null}>
      <Plus className="size-4" aria-hidden="true" />
      {t("intents.new")}
    </Button>
  );

  return (
    <div className="space-y-6">
      {!canEdit && <ReadOnlyNotice clinicName={clinicName} what={t("intents.readOnlyWhat")} />}
      {editing && (
        <IntentEditor
          key={editing.intent?.id ?? "new"}
          intent={editing.intent}
          canEdit={canEdit}
          onSaved={saved}
          onClose={() => setEditing(null)}
          onReloadLatest={latest}
        />
      )}
      {intents.error && !list ? (
        <Alert variant="danger">{errorText(intents.error)}</Alert>
      ) : !list ? (
        <Card>
          <SkeletonRows label={t("intents.loading")} />
        </Card>
      ) : list.length === 0 ? (
        !editing && (
          <EmptyState
            icon={MessageSquareText}
            title={t("intents.emptyTitle")}
            description={canEdit ? t("intents.emptyEditor") : t("intents.emptyViewer")}
            action={newButton}
          />
        )
      ) : (
        <Card>
          <CardHeader title={t("intents.listTitle")} description={t("intents.listDescription")} actions={newButton} />
          <CardContent flush>
            <div className="px-5">
              <div className="relative max-w-sm">
                <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
                <Input
                  type="search"
                  value={query}
                  placeholder={t("intents.searchPlaceholder")}
                  aria-label={t("intents.search")}
                  className="pl-9"
                  onChange={(e) => setQuery(e.target.value)}
                />
              </div>
            </div>
            {error && (
              <div className="px-5 pt-3">
                <Alert variant="danger">{error}</Alert>
              </div>
            )}
            <div className="mt-3 border-t border-slate-100">
              {shown && shown.length > 0 ? (
                <IntentList
                  intents={shown}
                  canEdit={canEdit}
                  canReorder={!needle}
                  busy={moving}
                  onOpen={(intent) => setEditing({ intent })}
                  onMove={(intent, direction) => void move(intent, direction)}
                  onDelete={remove}
                />
              ) : (
                <p className="px-5 py-6 text-sm text-slate-500">{t("intents.noMatch", { query: query.trim() })}</p>
              )}
            </div>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
