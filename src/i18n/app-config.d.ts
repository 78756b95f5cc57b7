import type en from "../../messages/en.json";
import type { Locale } from "./locales";

// Types every `t("…")` call by the English catalogue: a key that is not in it fails `tsc`.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
