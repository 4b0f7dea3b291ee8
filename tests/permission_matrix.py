"""Every page of the service, with who may open it: the expected status for each role.

The permission tests walk it through the app, the browser tests scan each page it lists."""

ROLES = ("anonymous", "admin", "coordinator", "finance", "trainer", "employer")
SIGNED_IN = {"admin", "coordinator", "finance", "trainer", "employer"}
#: everyone signed in but an employer's booking contact (who books learners, nothing else)
STAFF_AND_TRAINERS = SIGNED_IN - {"employer"}
COORDINATING = {"admin", "coordinator"}
EMPLOYER = {"employer"}
#: who sees a session's pay and may reject a line; who approves pay (the default route)
MONEY = COORDINATING | {"finance"}
APPROVERS = {"admin", "finance"}
EVERYONE = dict.fromkeys(ROLES, 200)
UNCHECKED = {"static", "assets.govuk", "assets.favicon"}  # public files, no permission to check


def expect(allowed: set[str], ok: int = 200) -> dict[str, int]:
    """`ok` for allowed roles; anonymous visitors go to sign in; everyone else gets 403."""
    return {role: ok if role in allowed else 302 if role == "anonymous" else 403 for role in ROLES}


#: signed-in users who open the sign-in page are sent on to their dashboard
SENT_ON = dict.fromkeys(SIGNED_IN, 302)

#: (endpoint, method) -> (path with {placeholders}, form data, expected status per role)
PAGES = {
    # for load balancers: no sign-in, never cached
    ("health.healthz", "GET"): ("/healthz", None, dict.fromkeys(ROLES, 200)),
    ("auth.sign_in", "GET"): ("/sign-in", None, expect({"anonymous"}) | SENT_ON),
    ("auth.sign_in", "POST"): ("/sign-in", {}, expect({"anonymous"}) | SENT_ON),
    ("auth.sign_out", "POST"): ("/sign-out", {}, expect(SIGNED_IN, 302)),
    ("dashboards.home", "GET"): ("/", None, expect(SIGNED_IN, 302)),
    ("dashboards.coordinator", "GET"): ("/coordinator", None, expect(COORDINATING)),
    ("dashboards.finance", "GET"): ("/finance", None, expect({"admin", "finance"})),
    ("dashboards.my_sessions", "GET"): ("/my-sessions", None, expect(STAFF_AND_TRAINERS)),
    ("admin.list_users", "GET"): ("/admin/accounts", None, expect({"admin"})),
    ("admin.create_account", "GET"): ("/admin/accounts/new", None, expect({"admin"})),
    ("admin.create_account", "POST"): ("/admin/accounts/new", {}, expect({"admin"})),
    ("admin.edit_account", "GET"): ("/admin/accounts/{user}", None, expect({"admin"})),
    ("admin.edit_account", "POST"): ("/admin/accounts/{user}", {}, expect({"admin"})),
    ("admin.invite_again", "POST"): (
        "/admin/accounts/{user}/invitation",
        {},
        expect({"admin"}, 302),
    ),
    ("admin.disable_account", "GET"): ("/admin/accounts/{user}/disable", None, expect({"admin"})),
    ("admin.disable_account", "POST"): (
        "/admin/accounts/{user}/disable",
        {},
        expect({"admin"}, 302),
    ),
    ("admin.enable_account", "GET"): ("/admin/accounts/{user}/enable", None, expect({"admin"})),
    # the account is enabled already: the page says so again
    ("admin.enable_account", "POST"): ("/admin/accounts/{user}/enable", {}, expect({"admin"})),
    ("admin.turn_off_two_step", "POST"): (
        "/admin/accounts/{user}/two-step/off",
        {},
        expect({"admin"}, 302),
    ),
    # failed jobs: coordinators and admins try them again or dismiss them
    ("jobs.list_failed", "GET"): ("/admin/jobs", None, expect(COORDINATING)),
    ("jobs.try_again", "GET"): ("/admin/jobs/{job}/try-again", None, expect(COORDINATING)),
    ("jobs.try_again", "POST"): (
        "/admin/jobs/{job}/try-again",
        {},
        expect(COORDINATING, 302),
    ),
    ("jobs.dismiss", "GET"): ("/admin/jobs/{job}/dismiss", None, expect(COORDINATING)),
    ("jobs.dismiss", "POST"): ("/admin/jobs/{job}/dismiss", {}, expect(COORDINATING, 302)),
    # passwords people set themselves: an unknown or spent link is 410 Gone for everyone
    ("passwords.forgotten_password", "GET"): (
        "/sign-in/forgotten-password",
        None,
        expect({"anonymous"}) | SENT_ON,
    ),
    ("passwords.forgotten_password", "POST"): (
        "/sign-in/forgotten-password",
        {},
        expect({"anonymous"}) | SENT_ON,
    ),
    ("passwords.set_password", "GET"): (
        "/set-password/no-such-token-000000000000000000000000000",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("passwords.set_password", "POST"): (
        "/set-password/no-such-token-000000000000000000000000000",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    # your own account; the code step only follows a right password (else back to sign in)
    ("account.sign_in_code", "GET"): ("/sign-in/code", None, dict.fromkeys(ROLES, 302)),
    ("account.sign_in_code", "POST"): ("/sign-in/code", {}, dict.fromkeys(ROLES, 302)),
    ("account.my_account", "GET"): ("/account", None, expect(SIGNED_IN)),
    ("account.email_me_a_password_link", "POST"): (
        "/account/password-link",
        {},
        expect(SIGNED_IN, 302),
    ),
    ("account.set_up_two_step", "GET"): ("/account/two-step", None, expect({"admin", "finance"})),
    ("account.set_up_two_step", "POST"): ("/account/two-step", {}, expect({"admin", "finance"})),
    ("account.turn_off_two_step", "POST"): ("/account/two-step/off", {}, expect(SIGNED_IN, 302)),
    ("account.new_recovery_codes", "POST"): (
        "/account/recovery-codes",
        {},
        expect(SIGNED_IN, 302),
    ),
    # personal data rights: the privacy notice is public; acting on rights is for admins
    ("privacy.notice", "GET"): ("/privacy", None, dict.fromkeys(ROLES, 200)),
    ("privacy.easy_read_notice", "GET"): ("/privacy/easy-read", None, dict.fromkeys(ROLES, 200)),
    ("data_rights.their_data", "GET"): ("/data/person/{person}", None, expect({"admin"})),
    ("data_rights.make_copy", "POST"): ("/data/person/{person}/copy", {}, expect({"admin"}, 302)),
    ("data_rights.download_copy", "GET"): ("/data-copies/{export}.json", None, expect({"admin"})),
    ("data_rights.erase_person", "GET"): ("/people/{person}/erase", None, expect({"admin"})),
    # blank: the form asks who asked for it, and erases nothing
    ("data_rights.erase_person", "POST"): ("/people/{person}/erase", {}, expect({"admin"})),
    # a learner with a place to come: the page says why they cannot be erased yet
    ("data_rights.erase_learner", "GET"): ("/learners/{learner}/erase", None, expect({"admin"})),
    ("data_rights.erase_learner", "POST"): ("/learners/{learner}/erase", {}, expect({"admin"})),
    ("data_rights.retention_log", "GET"): ("/admin/retention", None, expect({"admin"})),
    ("data_rights.apply_retention", "POST"): ("/admin/retention/apply", {}, expect({"admin"}, 302)),
    ("programmes.list_programmes", "GET"): ("/programmes/", None, expect(COORDINATING)),
    ("programmes.show_programme", "GET"): ("/programmes/{programme}", None, expect(COORDINATING)),
    ("programmes.create_programme", "GET"): ("/programmes/new", None, expect(COORDINATING)),
    ("programmes.create_programme", "POST"): ("/programmes/new", {}, expect(COORDINATING)),
    ("programmes.edit_programme", "GET"): (
        "/programmes/{programme}/edit",
        None,
        expect(COORDINATING),
    ),
    ("programmes.edit_programme", "POST"): (
        "/programmes/{programme}/edit",
        {},
        expect(COORDINATING),
    ),
    ("programmes.archive_programme", "POST"): (
        "/programmes/{programme}/archive",
        {},
        expect(COORDINATING, 302),
    ),
    ("programmes.list_venues", "GET"): ("/venues/", None, expect(COORDINATING)),
    ("programmes.show_venue", "GET"): ("/venues/{venue}", None, expect(COORDINATING)),
    ("programmes.create_venue", "GET"): ("/venues/new", None, expect(COORDINATING)),
    ("programmes.create_venue", "POST"): ("/venues/new", {}, expect(COORDINATING)),
    ("programmes.edit_venue", "GET"): ("/venues/{venue}/edit", None, expect(COORDINATING)),
    ("programmes.edit_venue", "POST"): ("/venues/{venue}/edit", {}, expect(COORDINATING)),
    ("programmes.archive_venue", "POST"): (
        "/venues/{venue}/archive",
        {},
        expect(COORDINATING, 302),
    ),
    ("people.list_people", "GET"): ("/people/", None, expect(COORDINATING)),
    ("people.show_person", "GET"): ("/people/{person}", None, expect(COORDINATING)),
    ("people.create_person", "GET"): ("/people/new", None, expect(COORDINATING)),
    ("people.create_person", "POST"): ("/people/new", {}, expect(COORDINATING)),
    ("people.edit_person", "GET"): ("/people/{person}/edit", None, expect(COORDINATING)),
    ("people.edit_person", "POST"): ("/people/{person}/edit", {}, expect(COORDINATING)),
    ("people.archive_person", "POST"): ("/people/{person}/archive", {}, expect(COORDINATING, 302)),
    ("sessions.list_sessions", "GET"): ("/sessions/", None, expect(COORDINATING)),
    ("sessions.show_session", "GET"): ("/sessions/{session}", None, expect(COORDINATING)),
    ("sessions.create_session", "GET"): ("/sessions/new", None, expect(COORDINATING)),
    ("sessions.create_session", "POST"): ("/sessions/new", {}, expect(COORDINATING)),
    ("sessions.edit_session", "GET"): ("/sessions/{session}/edit", None, expect(COORDINATING)),
    ("sessions.edit_session", "POST"): ("/sessions/{session}/edit", {}, expect(COORDINATING)),
    ("sessions.change_status", "POST"): (
        "/sessions/{session}/status",
        {"status": "scheduled"},
        expect(COORDINATING, 302),
    ),
    ("sessions.cancel_session", "GET"): (
        "/sessions/{session}/cancel",
        None,
        expect(COORDINATING),
    ),
    ("sessions.cancel_session", "POST"): ("/sessions/{session}/cancel", {}, expect(COORDINATING)),
    # calendars: feeds need no sign-in (an unknown token is 404 for all); people without a
    # profile have no personal calendar to change (tests/calendars covers people with one)
    ("feeds.personal_feed", "GET"): (
        "/calendar/no-such-token-000000000000000.ics",
        None,
        dict.fromkeys(ROLES, 404),
    ),
    ("feeds.team_feed", "GET"): (
        "/calendar/team/no-such-token-000000000000000.ics",
        None,
        dict.fromkeys(ROLES, 404),
    ),
    ("feeds.download_invite", "GET"): (
        "/sessions/{session}/invite.ics",
        None,
        expect(COORDINATING),
    ),
    ("calendars.my_calendar", "GET"): ("/my-calendar", None, expect(SIGNED_IN)),
    ("calendars.set_reminders", "POST"): ("/my-calendar/reminders", {}, expect(set())),
    ("calendars.new_my_link", "POST"): ("/my-calendar/link", {}, expect(set())),
    ("calendars.revoke_my_link", "POST"): ("/my-calendar/link/revoke", {}, expect(set())),
    ("calendars.new_team_link", "POST"): ("/my-calendar/team-link", {}, expect(COORDINATING, 302)),
    ("calendars.revoke_team_link", "POST"): (
        "/my-calendar/team-link/revoke",
        {},
        expect(COORDINATING, 302),
    ),
    ("calendars.new_person_link", "POST"): (
        "/people/{person}/calendar-link",
        {},
        expect(COORDINATING, 302),
    ),
    ("calendars.revoke_person_link", "POST"): (
        "/people/{person}/calendar-link/revoke",
        {},
        expect(COORDINATING, 302),
    ),
    # the co-trainer's home: every signed-in account has one; only a profile's owner answers
    # its offers or asks for a support change (tests/portal covers people with a profile)
    ("portal.home", "GET"): ("/home", None, expect(SIGNED_IN)),
    ("portal.answer_offer", "POST"): (
        "/home/offers/{assignment}",
        {"answer": "yes"},
        expect(set()),
    ),
    ("portal.ask_support_change", "POST"): ("/home/support", {}, expect(set())),
    # room to grow: progression, named leads and review outcomes are coordinators' pages; a
    # check-in is readable by its person and their named lead only (tests/growth covers them)
    ("growth.progression_overview", "GET"): ("/progression", None, expect(COORDINATING)),
    ("growth.set_role_stages", "POST"): ("/progression/roles", {}, expect(COORDINATING, 302)),
    ("growth.person_progression", "GET"): (
        "/people/{person}/progression",
        None,
        expect(COORDINATING),
    ),
    ("growth.person_progression", "POST"): (
        "/people/{person}/progression",
        {},
        expect(COORDINATING),
    ),
    ("growth.set_lead", "POST"): ("/people/{person}/lead", {}, expect(COORDINATING, 302)),
    ("growth.lead_check_ins", "GET"): ("/check-ins", None, expect(COORDINATING)),
    ("growth.show_check_in", "GET"): ("/check-ins/{check_in}", None, expect(set())),
    ("growth.answer_check_in", "POST"): ("/check-ins/{check_in}/answered", {}, expect(set())),
    ("growth.add_outcome", "GET"): (
        "/sessions/{review_session}/outcomes/new",
        None,
        expect(COORDINATING),
    ),
    ("growth.add_outcome", "POST"): (
        "/sessions/{review_session}/outcomes/new",
        {},
        expect(COORDINATING),
    ),
    ("growth.edit_outcome", "GET"): ("/outcomes/{outcome}/edit", None, expect(COORDINATING)),
    ("growth.edit_outcome", "POST"): ("/outcomes/{outcome}/edit", {}, expect(COORDINATING)),
    # a person's own growth pages: only people with a profile (tests/growth covers them)
    ("grow.shadow_sessions", "GET"): ("/my/shadow", None, expect(set())),
    ("grow.shadow_session", "GET"): ("/my/shadow/{session}", None, expect(set())),
    ("grow.shadow_session", "POST"): ("/my/shadow/{session}", {}, expect(set())),
    ("grow.my_check_ins", "GET"): ("/my/check-ins", None, expect(set())),
    ("grow.new_check_in", "GET"): ("/my/check-ins/{assignment}/new", None, expect(set())),
    ("grow.new_check_in", "POST"): ("/my/check-ins/{assignment}/new", {}, expect(set())),
    # "You said, we did": every signed-in reader
    ("grow.you_said_we_did", "GET"): ("/you-said-we-did", None, expect(SIGNED_IN)),
    # answers taken back and "I need help": only a profile's owner (tests/portal covers them)
    ("answers.confirm_no", "GET"): ("/home/offers/{assignment}/no", None, expect(set())),
    ("answers.say_no", "POST"): ("/home/offers/{assignment}/no/sure", {}, expect(set())),
    ("answers.undo", "POST"): ("/home/offers/{assignment}/undo", {}, expect(set())),
    ("help.ask", "GET"): ("/help", None, expect(set())),
    ("help.ask", "POST"): ("/help", {}, expect(set())),
    ("help.list_requests", "GET"): ("/help-requests", None, expect(COORDINATING)),
    ("help.answer", "GET"): ("/help-requests/{help_request}", None, expect(COORDINATING)),
    # an empty answer: the form shows its error
    ("help.answer", "POST"): ("/help-requests/{help_request}", {}, expect(COORDINATING)),
    # one-time sign-in links: an unknown or spent link is 410 Gone for everyone
    ("links.request_link", "GET"): ("/sign-in/link", None, expect({"anonymous"}) | SENT_ON),
    ("links.request_link", "POST"): ("/sign-in/link", {}, expect({"anonymous"}) | SENT_ON),
    ("links.open_link", "GET"): (
        "/sign-in/link/no-such-token-000000000000000000000000000",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("links.open_link", "POST"): (
        "/sign-in/link/no-such-token-000000000000000000000000000",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("links.make_link", "POST"): (
        "/people/{person}/sign-in-link",
        {"send": "show"},
        expect(COORDINATING, 302),
    ),
    # team building: offers, overrides, working times, pairs and auto-fill; people without a
    # profile have no offers or working times to change (tests/scheduling covers people with one)
    ("offers.offer_seat", "POST"): (
        "/sessions/{session}/people/{person}/offer",
        {},
        expect(COORDINATING, 302),
    ),
    ("offers.override_seat", "GET"): (
        "/sessions/{session}/people/{person}/override",
        None,
        expect(COORDINATING),
    ),
    ("offers.override_seat", "POST"): (
        "/sessions/{session}/people/{person}/override",
        {},
        expect(COORDINATING),
    ),
    ("problems.keep_seat", "GET"): ("/seats/{assignment}/keep", None, expect(COORDINATING)),
    ("problems.keep_seat", "POST"): ("/seats/{assignment}/keep", {}, expect(COORDINATING)),
    ("problems.take_off", "POST"): (
        "/seats/{assignment}/take-off",
        {},
        expect(COORDINATING, 302),
    ),
    ("offers.withdraw_offer", "POST"): (
        "/sessions/{session}/people/{person}/withdraw",
        {},
        expect(COORDINATING, 302),
    ),
    ("sessions.schedule_anyway", "GET"): (
        "/sessions/{session}/schedule-anyway",
        None,
        expect(COORDINATING),
    ),
    ("sessions.schedule_anyway", "POST"): (
        "/sessions/{session}/schedule-anyway",
        {},
        expect(COORDINATING),
    ),
    ("offers.my_offers", "GET"): ("/my-offers", None, expect(SIGNED_IN)),
    ("offers.my_offers", "POST"): ("/my-offers", {"offer": "1", "answer": "yes"}, expect(set())),
    # a message's Yes and No links: only the offer's own person answers it
    ("offers.confirm_answer", "GET"): ("/my-offers/{assignment}/yes", None, expect(set())),
    ("offers.confirm_answer", "POST"): ("/my-offers/{assignment}/no", {}, expect(set())),
    # how each person hears from us: their own page, and coordinators' page for each person
    ("messages.my_choices", "GET"): ("/my-messages", None, expect(SIGNED_IN)),
    ("messages.my_choices", "POST"): ("/my-messages", {}, expect(SIGNED_IN)),
    ("messages.person_choices", "GET"): ("/people/{person}/messages", None, expect(COORDINATING)),
    ("messages.person_choices", "POST"): ("/people/{person}/messages", {}, expect(COORDINATING)),
    ("messages.send_again", "POST"): (
        "/messages/{message}/send-again",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.edit_pattern", "GET"): (
        "/people/{person}/availability",
        None,
        expect(COORDINATING),
    ),
    ("availability.edit_pattern", "POST"): (
        "/people/{person}/availability",
        {},
        expect(COORDINATING),
    ),
    ("availability.add_time_off", "GET"): (
        "/people/{person}/time-off/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_time_off", "POST"): (
        "/people/{person}/time-off/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_time_off", "POST"): (
        "/people/{person}/time-off/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.add_do_not_pair", "GET"): (
        "/people/{person}/do-not-pair/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_do_not_pair", "POST"): (
        "/people/{person}/do-not-pair/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_do_not_pair", "POST"): (
        "/people/{person}/do-not-pair/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.add_partner", "GET"): (
        "/people/{person}/partners/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_partner", "POST"): (
        "/people/{person}/partners/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_partner", "POST"): (
        "/people/{person}/partners/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.my_availability", "GET"): ("/my-availability", None, expect(SIGNED_IN)),
    ("availability.my_availability", "POST"): ("/my-availability", {}, expect(set())),
    ("availability.add_my_time_off", "GET"): ("/my-availability/time-off/new", None, expect(set())),
    ("availability.add_my_time_off", "POST"): ("/my-availability/time-off/new", {}, expect(set())),
    ("availability.remove_my_time_off", "POST"): (
        "/my-availability/time-off/remove",
        {},
        expect(set()),
    ),
    ("autofill.auto_fill", "GET"): ("/sessions/auto-fill", None, expect(COORDINATING)),
    ("autofill.auto_fill", "POST"): ("/sessions/auto-fill", {}, expect(COORDINATING)),
    # pay: coordinators record attendance, approve and issue letters; finance pays and
    # exports; a person sees their own money and letters (tests/payments covers owners)
    ("payments.record_attendance", "GET"): (
        "/sessions/{session}/attendance",
        None,
        expect(COORDINATING),
    ),
    ("payments.record_attendance", "POST"): (
        "/sessions/{session}/attendance",
        {},
        expect(COORDINATING),
    ),
    # pay: coordinators confirm the work, finance approves the pay (the default approval route)
    ("payments.session_pay", "GET"): ("/sessions/{session}/pay", None, expect(MONEY)),
    ("payments.approve_session_pay", "POST"): (
        "/sessions/{session}/pay/approve",
        {},
        expect(APPROVERS, 302),
    ),
    ("payments.approve_line", "POST"): ("/pay/lines/{line}/approve", {}, expect(APPROVERS, 302)),
    ("payments.reject_line", "GET"): ("/pay/lines/{line}/reject", None, expect(MONEY)),
    ("payments.reject_line", "POST"): ("/pay/lines/{line}/reject", {}, expect(MONEY)),
    # nothing ticked: back to the lines page
    ("finance.approve_lines", "POST"): ("/finance/lines/approve", {}, expect(APPROVERS, 302)),
    ("finance.approval_settings", "GET"): ("/finance/approval-settings", None, expect({"admin"})),
    ("finance.approval_settings", "POST"): ("/finance/approval-settings", {}, expect({"admin"})),
    ("payments.claim_expense", "GET"): (
        "/sessions/{session}/expenses/new",
        None,
        expect(COORDINATING),
    ),
    ("payments.claim_expense", "POST"): (
        "/sessions/{session}/expenses/new",
        {},
        expect(COORDINATING),
    ),
    # the record's expense has no receipt file: those allowed in get 404
    ("payments.show_receipt", "GET"): (
        "/expenses/{expense}/receipt",
        None,
        expect(COORDINATING | {"finance"}, 404),
    ),
    ("payments.download_letter", "GET"): (
        "/letters/{letter}.pdf",
        None,
        expect(COORDINATING | {"finance"}),
    ),
    # the same letter as an accessible page, beside its PDF
    ("letter_pages.show_letter", "GET"): (
        "/letters/{letter}",
        None,
        expect(COORDINATING | {"finance"}),
    ),
    # someone else's Jobcentre letter: staff only (a person gets their own)
    ("limits.jobcentre_letter", "GET"): (
        "/people/{person}/jobcentre-letter.pdf",
        None,
        expect(COORDINATING | {"finance"}),
    ),
    ("limits.how_limits_work", "GET"): (
        "/benefit-limits",
        None,
        expect(COORDINATING | {"finance"}),
    ),
    # coordinators read the amounts; finance and admins record a new tax year's
    ("limits.how_limits_work", "POST"): (
        "/benefit-limits",
        {},
        expect({"admin", "finance"}),
    ),
    ("payments.issue_recognition", "GET"): (
        "/people/{person}/recognition-letter",
        None,
        expect(COORDINATING),
    ),
    ("payments.issue_recognition", "POST"): (
        "/people/{person}/recognition-letter",
        {},
        expect(COORDINATING),
    ),
    ("payments.my_money", "GET"): ("/my-money", None, expect(SIGNED_IN)),
    ("finance.list_lines", "GET"): ("/finance/lines", None, expect({"admin", "finance"})),
    ("finance.export_lines", "GET"): ("/finance/lines.csv", None, expect({"admin", "finance"})),
    ("finance.create_pay_run", "GET"): (
        "/finance/pay-runs/new",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.create_pay_run", "POST"): ("/finance/pay-runs/new", {}, expect({"admin", "finance"})),
    ("finance.show_pay_run", "GET"): (
        "/finance/pay-runs/{run}",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.reopen_pay_run", "GET"): (
        "/finance/pay-runs/{run}/reopen",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.reopen_pay_run", "POST"): (
        "/finance/pay-runs/{run}/reopen",
        {},
        expect({"admin", "finance"}),
    ),
    ("finance.reissue_pay_run", "POST"): (
        "/finance/pay-runs/{run}/reissue",
        {},
        expect({"admin", "finance"}),
    ),
    ("finance.mark_pay_run_paid", "POST"): (
        "/finance/pay-runs/{run}/paid",
        {},
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_pdf", "GET"): (
        "/finance/pay-runs/{run}/letters.pdf",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_zip", "GET"): (
        "/finance/pay-runs/{run}/letters.zip",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_csv", "GET"): (
        "/finance/pay-runs/{run}/payroll.csv",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_summary", "GET"): (
        "/finance/pay-runs/{run}/summary.csv",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_export", "GET"): (
        "/finance/pay-runs/{run}/payroll-export.zip",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.export_lines_summary", "GET"): (
        "/finance/lines-summary.csv",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.rate_card", "GET"): ("/finance/rates", None, expect(COORDINATING | {"finance"})),
    ("finance.add_rate", "GET"): ("/finance/rates/new", None, expect({"admin", "finance"})),
    ("finance.add_rate", "POST"): ("/finance/rates/new", {}, expect({"admin", "finance"})),
    # learners: coordinators keep the records; the register and the evaluation's results are
    # for coordinators and the session's team (tests/learners and tests/evaluation cover the
    # team); an employer's booking contact books and sees its own staff only
    ("learners.list_learners", "GET"): ("/learners/", None, expect(COORDINATING)),
    ("learners.show_learner", "GET"): ("/learners/{learner}", None, expect(COORDINATING)),
    ("learners.edit_learner", "GET"): ("/learners/{learner}/edit", None, expect(COORDINATING)),
    ("learners.edit_learner", "POST"): ("/learners/{learner}/edit", {}, expect(COORDINATING)),
    ("learners.upload_part_one", "POST"): (
        "/learners/{learner}/part-one",
        {},
        expect(COORDINATING, 302),
    ),
    ("learners.download_part_one", "GET"): (
        "/learners/{learner}/part-one-certificate",
        None,
        expect(COORDINATING),
    ),
    ("learners.booking_settings", "GET"): (
        "/programmes/{programme}/booking-settings",
        None,
        expect(COORDINATING),
    ),
    ("learners.booking_settings", "POST"): (
        "/programmes/{programme}/booking-settings",
        {},
        expect(COORDINATING),
    ),
    ("session_learners.list_bookings", "GET"): (
        "/sessions/{session}/learners",
        None,
        expect(COORDINATING),
    ),
    ("session_learners.add_learner", "GET"): (
        "/sessions/{session}/learners/new",
        None,
        expect(COORDINATING),
    ),
    ("session_learners.add_learner", "POST"): (
        "/sessions/{session}/learners/new",
        {},
        expect(COORDINATING),
    ),
    ("session_learners.cancel_booking", "POST"): (
        "/learners/bookings/{booking}/cancel",
        {},
        expect(COORDINATING, 302),
    ),
    ("register.take_register", "GET"): (
        "/sessions/{session}/register",
        None,
        expect(COORDINATING),
    ),
    ("register.take_register", "POST"): (
        "/sessions/{session}/register",
        {},
        expect(COORDINATING),
    ),
    ("register.mark_everyone_present", "POST"): (
        "/sessions/{session}/register/everyone",
        {},
        expect(COORDINATING, 302),
    ),
    ("employers.list_employers", "GET"): ("/employers/", None, expect(COORDINATING)),
    ("employers.show_employer", "GET"): ("/employers/{employer}", None, expect(COORDINATING)),
    ("employers.create_employer", "GET"): ("/employers/new", None, expect(COORDINATING)),
    ("employers.create_employer", "POST"): ("/employers/new", {}, expect(COORDINATING)),
    ("employers.edit_employer", "GET"): (
        "/employers/{employer}/edit",
        None,
        expect(COORDINATING),
    ),
    ("employers.edit_employer", "POST"): (
        "/employers/{employer}/edit",
        {},
        expect(COORDINATING),
    ),
    ("employers.add_contact", "POST"): (
        "/employers/{employer}/contacts",
        {},
        expect(COORDINATING),
    ),
    # the contact belongs to another employer: refused without a change, so every role sees
    # the same answer (tests/learners covers removing one)
    ("employers.remove_contact", "POST"): (
        "/employers/{employer}/contacts/{contact}/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("employer.home", "GET"): ("/employer", None, expect(EMPLOYER)),
    ("employer.book_staff", "GET"): (
        "/employer/sessions/{open_session}/book",
        None,
        expect(EMPLOYER),
    ),
    ("employer.book_staff", "POST"): (
        "/employer/sessions/{open_session}/book",
        {},
        expect(EMPLOYER),
    ),
    ("employer.list_learners", "GET"): ("/employer/learners", None, expect(EMPLOYER)),
    ("employer.show_learner", "GET"): (
        "/employer/learners/{learner}",
        None,
        expect(EMPLOYER),
    ),
    ("employer.cancel_booking", "POST"): (
        "/employer/bookings/{booking}/cancel",
        {},
        expect(EMPLOYER, 302),
    ),
    ("employer.certificate", "GET"): (
        "/employer/bookings/{certified_booking}/certificate.pdf",
        None,
        expect(EMPLOYER),
    ),
    ("employer.session_certificates", "GET"): (
        "/employer/sessions/{session}/certificates.zip",
        None,
        expect(EMPLOYER),
    ),
    ("employer.completions_csv", "GET"): ("/employer/completions.csv", None, expect(EMPLOYER)),
    # public pages, the same for everyone: booking, a learner's own links, the certificate check
    ("booking.list_programmes", "GET"): ("/book/", None, EVERYONE),
    ("booking.programme_sessions", "GET"): ("/book/{programme}", None, EVERYONE),
    ("booking.book_session", "GET"): ("/book/sessions/{open_session}", None, EVERYONE),
    ("booking.book_session", "POST"): ("/book/sessions/{open_session}", {}, EVERYONE),
    ("booking.confirm_email", "GET"): (
        "/book/confirm/no-such-token-000000000000000000000000000",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("booking.confirm_email", "POST"): (
        "/book/confirm/no-such-token-000000000000000000000000000",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("learner_links.manage_booking", "GET"): ("/bookings/{booking_token}", None, EVERYONE),
    ("learner_links.cancel_place", "GET"): ("/bookings/{booking_token}/cancel", None, EVERYONE),
    ("learner_links.cancel_place", "POST"): (
        "/bookings/{booking_token}/cancel",
        {},
        dict.fromkeys(ROLES, 302),
    ),
    ("learner_links.session_ics", "GET"): (
        "/bookings/{booking_token}/session.ics",
        None,
        EVERYONE,
    ),
    ("learner_links.upload_part_one", "POST"): (
        "/bookings/{booking_token}/part-one",
        {},
        dict.fromkeys(ROLES, 302),
    ),
    # the booking has no certificate yet (tests/learners covers one that has)
    ("learner_links.certificate", "GET"): (
        "/bookings/{booking_token}/certificate.pdf",
        None,
        dict.fromkeys(ROLES, 404),
    ),
    # no place is on offer to this booking: the page says the offer has ended
    ("learner_links.offered_place", "GET"): (
        "/places/{offer_token}",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("learner_links.offered_place", "POST"): (
        "/places/{offer_token}",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("certificates.check_code", "GET"): ("/certificates/", None, EVERYONE),
    ("certificates.verify", "GET"): ("/certificates/{certificate}", None, EVERYONE),
    ("certificates.download", "GET"): (
        "/certificates/{certificate}/pdf",
        None,
        expect(COORDINATING),
    ),
    ("certificates.session_certificates", "GET"): (
        "/sessions/{session}/certificates.zip",
        None,
        expect(COORDINATING),
    ),
    # evaluation: the session is a week ahead, so its questions are not open yet (410)
    ("evaluation.answer_session", "GET"): (
        "/evaluate/{evaluation_token}",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("evaluation.answer_session", "POST"): (
        "/evaluate/{evaluation_token}",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("evaluation.answer_personal", "GET"): (
        "/evaluate/me/{evaluate_token}",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("evaluation.answer_personal", "POST"): (
        "/evaluate/me/{evaluate_token}",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("evaluation.results", "GET"): (
        "/sessions/{session}/evaluation",
        None,
        expect(COORDINATING),
    ),
    ("evaluation.list_questions", "GET"): ("/evaluation/questions", None, expect(COORDINATING)),
    ("evaluation.add_question", "GET"): ("/evaluation/questions/new", None, expect(COORDINATING)),
    ("evaluation.add_question", "POST"): ("/evaluation/questions/new", {}, expect(COORDINATING)),
    ("evaluation.edit_question", "GET"): (
        "/evaluation/questions/{question}/edit",
        None,
        expect(COORDINATING),
    ),
    ("evaluation.edit_question", "POST"): (
        "/evaluation/questions/{question}/edit",
        {},
        expect(COORDINATING),
    ),
    ("evaluation.archive_question", "POST"): (
        "/evaluation/questions/{question}/archive",
        {},
        expect(COORDINATING, 302),
    ),
    ("evaluation.move_question", "POST"): (
        "/evaluation/questions/{question}/move",
        {},
        expect(COORDINATING, 302),
    ),
    ("reports.show_report", "GET"): ("/reports/", None, expect(COORDINATING)),
    ("reports.figures_csv", "GET"): ("/reports/figures.csv", None, expect(COORDINATING)),
    ("reports.bookings_csv", "GET"): ("/reports/bookings.csv", None, expect(COORDINATING)),
    ("reports.completions_csv", "GET"): ("/reports/completions.csv", None, expect(COORDINATING)),
    ("reports.report_as_pdf", "GET"): ("/reports/report.pdf", None, expect(COORDINATING)),
}
