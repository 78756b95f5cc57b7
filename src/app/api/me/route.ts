import { LOCALE_COOKIE } from "@/i18n/locale-cookie";
import { getConfig } from "@/server/config";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { UpdateMeInput, updateProfile } from "@/server/profiles/update-profile";

export const GET = withUser(async ({ current }) =>
  json({
    user: { id: current.user.id, email: current.user.email, language: current.user.language },
    organisations: current.organisations.map(({ id, name, role, timezone }) => ({ id, name, role, timezone })),
    current_organisation_id: current.organisation?.id ?? null,
  }),
);

/** The person's own profile: `language` ('en' | 'ru', the dashboard's language) and `full_name`. */
export const PATCH = withUser(async ({ req, current }) => {
  const input = UpdateMeInput.parse(await readJson(req));
  const { id, email, language, full_name } = await updateProfile(current, input);
  const response = json({ user: { id, email, language, full_name } });
  if (!input.language) return response;
  // The browser keeps the choice too, so the sign-in pages speak it after logging out.
  response.cookies.set(LOCALE_COOKIE, input.language, {
    sameSite: "lax",
    secure: getConfig().publicBaseUrl.startsWith("https://"),
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
  return response;
});
