"""A pay run's exports beyond the letters: the summary file and the payroll export, one file
per payment route; and the lines page's summary file."""

from __future__ import annotations

from flask import Response

from trainer import access_log
from trainer.auth.permissions import finance_required
from trainer.models import PayRun
from trainer.payments import queries, runs
from trainer.payments.export import summary_csv
from trainer.payments.finance_views import bp, line_filters
from trainer.payments.route_exports import route_files, route_zip
from trainer.records import get_or_404


def _download(body: bytes, mimetype: str, name: str) -> Response:
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.get("/pay-runs/<id:run_id>/summary.csv")
@finance_required
def pay_run_summary(run_id: int):
    run = get_or_404(PayRun, run_id)
    body = summary_csv(runs.run_lines(run))
    return _download(body, "text/csv", f"{run.reference}-summary.csv")


@bp.get("/pay-runs/<id:run_id>/payroll-export.zip")
@finance_required
def pay_run_export(run_id: int):
    """One file per payment route (payroll, invoices, honoraria, vouchers, charity), expenses
    apart and the summary, named by the letters that stand."""
    run = get_or_404(PayRun, run_id)
    lines = runs.run_lines(run)
    access_log.shown({line.person_id for line in lines}, access_log.PAY)
    letters = {r.person_id: (r.reference, r.issued_on) for r in runs.current_records(run)}
    body = route_zip(route_files(lines, letters, run.paid_on))
    return _download(body, "application/zip", f"{run.reference}-payroll-export.zip")


@bp.get("/lines-summary.csv")
@finance_required
def export_lines_summary():
    _, filters = line_filters()
    lines = queries.list_lines(filters)
    return _download(summary_csv(lines), "text/csv", "payment-lines-summary.csv")
