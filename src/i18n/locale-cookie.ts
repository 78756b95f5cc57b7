/** The cookie that remembers the language chosen in this browser (read before Accept-Language). */
export const LOCALE_COOKIE = "clinicall_locale";
