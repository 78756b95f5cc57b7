// npm run build: the full `next build` (type check, build cache), recording what it was made from
// so that `npm start` serves it rather than building again (next-build.ts).
import { startNextBuild } from "./next-build";

process.exit(await startNextBuild(process.cwd(), { firstStart: false }).done);
