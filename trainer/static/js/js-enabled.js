// Runs first in <body>: GOV.UK Frontend's styles for pages where its scripts will run.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
