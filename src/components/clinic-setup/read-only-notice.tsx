import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** `what` is already in the reader's language (a catalogue text). Shown to members on the receptionist's setup pages: why they can look but not change. */
export function ReadOnlyNotice({ clinicName, what }: { clinicName: string; what: string }) {
  const t = useTranslations();
  return (
    <Alert variant="info" title={t("readOnly.title")}>
      {t("readOnly.body", { clinic: clinicName, what })}
    </Alert>
  );
}
