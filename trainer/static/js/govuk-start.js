// GOV.UK Frontend's components, started once the page has loaded. A file of its own, not an
// inline script, so the Content-Security-Policy allows scripts from this site only.
import { initAll } from "../../govuk/govuk-frontend.min.js";

initAll();
