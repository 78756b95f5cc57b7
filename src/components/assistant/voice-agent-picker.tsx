"use client";

import { Check, Mic } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { MessageKey } from "@/i18n/keys";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { cn } from "@/lib/cn";
import { useApiResource } from "@/lib/use-api-resource";

interface VoiceAgent {
  id: string;
  name: string;
  languages: ("en" | "ru")[];
  gender: "female" | "male";
  description: string;
  sample_url: string;
}

const languageNames = { en: "voice.lang.en", ru: "voice.lang.ru" } as const satisfies Record<"en" | "ru", MessageKey>;

/** Cards of the voice agents shipped with Clinicall; choosing one is PATCH /api/organisation. */
export function VoiceAgentPicker({ canEdit, selectedId }: { canEdit: boolean; selectedId: string | null }) {
  const agents = useApiResource<VoiceAgent[]>("/api/voice-agents");
  const [selected, setSelected] = useState(selectedId);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();
  const list = useFormatter();

  async function choose(id: string) {
    setError(null);
    setChoosing(id);
    const result = await apiFetch("/api/organisation", { method: "PATCH", body: { selected_voice_agent_id: id } });
    setChoosing(null);
    if (result.ok) setSelected(id);
    else setError(errorText(result.error));
  }

  return (
    <Card>
      <CardHeader title={t("voice.title")} description={t("voice.description")} />
      <CardContent className="space-y-4">
        {!selected && (
          <Alert variant="warning" title={t("voice.noneTitle")}>
            {canEdit ? t("voice.noneEditor") : t("voice.noneViewer")}
          </Alert>
        )}
        {error && <Alert variant="danger">{error}</Alert>}
        {agents.error && !agents.data ? (
          <Alert variant="danger">{errorText(agents.error)}</Alert>
        ) : !agents.data ? (
          <SkeletonRows label={t("voice.loading")} />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("voice.list")}>
            {agents.data.map((agent) => {
              const isSelected = agent.id === selected;
              return (
                <li
                  key={agent.id}
                  className={cn(
                    "flex flex-col gap-3 rounded-lg border p-4",
                    isSelected ? "border-brand-500 bg-brand-50/40 ring-1 ring-brand-500" : "border-slate-200",
                  )}
                  aria-current={isSelected ? "true" : undefined}
                >
                  <div className="flex items-start justify-between gap-2">
                    <div className="flex items-center gap-2">
                      <span className="flex size-8 items-center justify-center rounded-full bg-brand-100 text-brand-700">
                        <Mic className="size-4" aria-hidden="true" />
                      </span>
                      <div>
                        <p className="font-medium text-slate-900">{agent.name}</p>
                        <p className="text-[13px] text-slate-500">
                          {t("voice.languages", {
                            gender: agent.gender === "female" ? t("voice.female") : t("voice.male"),
                            languages: list.list(
                              agent.languages.map((l) => t(languageNames[l])),
                              { type: "conjunction" },
                            ),
                          })}
                        </p>
                      </div>
                    </div>
                    {isSelected && (
                      <Badge tone="brand">
                        <Check className="size-3" aria-hidden="true" />
                        {t("voice.selected")}
                      </Badge>
                    )}
                  </div>
                  <p className="text-sm text-slate-600">{agent.description}</p>
                  <Button
                    size="sm"
                    variant="secondary"
                    className="self-start"
                    onClick={() => void new Audio(agent.sample_url).play().catch(() => undefined)}
                  >
                    {t("voice.listen", { name: agent.name })}
                  </Button>
                  {canEdit && !isSelected && (
                    <Button
                      size="sm"
                      variant="secondary"
                      className="self-start"
                      loading={choosing === agent.id}
                      disabled={choosing !== null}
                      onClick={() => void choose(agent.id)}
                    >
                      {t("voice.use", { name: agent.name })}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
