/**
 * The emulator's consent screen, drawn like Google's: the app's name, the account that is
 * signing in (the app's `login_hint`, which the person may change to any other address), what
 * the app will be allowed to do in Google's own words, and Cancel / Allow. It posts back to the
 * authorize URL (query string kept), where handleAuthorize issues the code for that account.
 */

const SCOPE_WORDS: Record<string, string> = {
  openid: "Associate you with your personal info on Google",
  email: "See your primary Google Account email address",
  "https://www.googleapis.com/auth/userinfo.email": "See your primary Google Account email address",
  "https://www.googleapis.com/auth/calendar":
    "See, edit, share, and permanently delete all the calendars you can access using Google Calendar",
  "https://www.googleapis.com/auth/calendar.events": "View and edit events on all your calendars",
  "https://www.googleapis.com/auth/calendar.freebusy": "View your availability in your calendars",
  "https://www.googleapis.com/auth/calendar.events.freebusy": "See the availability on Google Calendars you have access to",
  "https://www.googleapis.com/auth/calendar.readonly": "See and download any calendar you can access using your Google Calendar",
  "https://www.googleapis.com/auth/calendar.events.owned": "See, create, change, and delete events on Google Calendars you own",
};

export interface ConsentPageInput {
  appName: string;
  account: string;
  scopes: string[];
  /** A problem with what was submitted, shown above the form. */
  problem?: string;
}

export function consentPage({ appName, account, scopes, problem }: ConsentPageInput): string {
  const rows = [...new Set(scopes.map((scope) => SCOPE_WORDS[scope] ?? scope))]
    .map((words) => `<li><span class="tick" aria-hidden="true">✓</span>${escapeHtml(words)}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - Google Accounts (emulated)</title>
<style>
body{margin:0;font-family:Roboto,Arial,sans-serif;background:#f0f4f9;color:#1f1f1f}
main{max-width:760px;margin:48px auto;background:#fff;border-radius:28px;padding:36px 40px}
.brand{display:flex;align-items:center;gap:10px;font-size:15px;color:#444}
.g{font-weight:700;font-size:22px;letter-spacing:-1px}.g b:nth-child(1){color:#4285f4}.g b:nth-child(2){color:#ea4335}.g b:nth-child(3){color:#fbbc05}.g b:nth-child(4){color:#4285f4}.g b:nth-child(5){color:#34a853}.g b:nth-child(6){color:#ea4335}
h1{font-size:28px;font-weight:400;margin:24px 0 8px}
.note{font-size:13px;color:#444;background:#fef7e0;border-radius:8px;padding:8px 12px;margin:12px 0}
label{display:block;font-size:14px;margin:20px 0 6px}
input[type=email]{width:100%;box-sizing:border-box;font-size:16px;padding:12px;border:1px solid #747775;border-radius:4px}
ul{list-style:none;padding:0;margin:16px 0}li{padding:10px 0;border-bottom:1px solid #e3e3e3;font-size:14px}
.tick{color:#0b57d0;margin-right:10px}
.problem{color:#b3261e;font-size:14px}
.actions{display:flex;justify-content:flex-end;gap:12px;margin-top:28px}
button{font-size:14px;font-weight:500;border-radius:20px;padding:10px 24px;cursor:pointer;border:1px solid #747775;background:#fff;color:#0b57d0}
button.allow{background:#0b57d0;color:#fff;border-color:#0b57d0}
button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
</style></head>
<body><main>
<div class="brand"><span class="g"><b>G</b><b>o</b><b>o</b><b>g</b><b>l</b><b>e</b></span> Sign in with Google</div>
<h1>${escapeHtml(appName)} wants to access your Google Account</h1>
<p class="note">Demo mode: this is Clinicall's Google emulator on this machine. Each account you name here gets its own empty calendar; nothing reaches Google.</p>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post">
<label for="account">Google Account</label>
<input id="account" name="account" type="email" required maxlength="254" autocomplete="email" value="${escapeHtml(account)}">
<p>This will allow ${escapeHtml(appName)} to:</p>
<ul>${rows}</ul>
<p style="font-size:13px;color:#444">Make sure you trust ${escapeHtml(appName)}. You can remove its access at any time in your Google Account.</p>
<div class="actions">
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
<button type="submit" name="decision" value="allow" class="allow">Allow</button>
</div>
</form>
</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
