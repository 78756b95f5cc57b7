// Runs in the browser before the app's own modules (Next.js instrumentation-client convention).
// Zod compiles object parsers with `new Function` when it can, and probes for that ability with a
// caught `new Function("")`; the Content-Security-Policy forbids eval, so the probe is reported as a
// policy violation on every page with a form. jitless keeps zod on its interpreter in the browser.
import { z } from "zod";

z.config({ jitless: true });
