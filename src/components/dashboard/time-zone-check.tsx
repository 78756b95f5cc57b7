"use client";

import { Clock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TimezoneSelect } from "@/components/working-hours/timezone-select";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { zoneName } from "@/lib/zone-name";

/**
 * Asked once, on the Overview, while the clinic's time zone is still a guess (the browser's at
 * sign-up, then its first phone number's country): keep it or choose another. Either answer
 * confirms it (PATCH /api/organisation), and the question does not come back.
 */
export function TimeZoneCheck({ timeZone }: { timeZone: string }) {
  const router = useRouter();
  const [choice, setChoice] = useState(timeZone);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();

  async function save(zone: string) {
    setSaving(true);
    setError(null);
    const result = await apiFetch("/api/organisation", { method: "PATCH", body: { timezone: zone } });
    setSaving(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    router.refresh();
  }

  return (
    <Card data-testid="time-zone-check">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            <Clock className="size-4 text-brand-600" aria-hidden="true" />
            {t("tzCheck.question", { zone: zoneName(timeZone) })}
          </span>
        }
        description={t("tzCheck.description")}
      />
      <CardContent className="flex flex-wrap items-end gap-3">
        <Field label={t("tzCheck.field")} className="min-w-0 flex-1 basis-56">
          <TimezoneSelect value={choice} disabled={saving} onChange={setChoice} />
        </Field>
        <Button variant="primary" loading={saving} onClick={() => void save(choice)}>
          {choice === timeZone ? t("tzCheck.yes", { zone: zoneName(timeZone) }) : t("tzCheck.use", { zone: zoneName(choice) })}
        </Button>
        {error && (
          <Alert variant="danger" className="basis-full">
            {error}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
