"""Every column that points at a person or an account, and what it means for them.

ABOUT: the row is about them (their profile, sessions, pay, needs): a subject access copy
holds it whole, less the secrets below. BY: they did something to a record about others (an
approval, a letter issued): the copy says what and when, and nothing of the others.
tests/privacy checks that every foreign key to people or users is listed here, so a new
table cannot be left out of subject access without a decision.
"""

PERSON, ACCOUNT, LEARNER = "people", "users", "learners"

#: (table, column) -> the table it points at, for rows about the subject
ABOUT = {
    ("people", "user_id"): ACCOUNT,
    ("user_roles", "user_id"): ACCOUNT,
    ("sign_in_links", "user_id"): ACCOUNT,
    ("recovery_codes", "user_id"): ACCOUNT,
    ("calendar_feeds", "user_id"): ACCOUNT,
    ("calendar_feeds", "person_id"): PERSON,
    ("person_delivery_roles", "person_id"): PERSON,
    ("person_qualifications", "person_id"): PERSON,
    ("availability_windows", "person_id"): PERSON,
    ("unavailable_periods", "person_id"): PERSON,
    ("do_not_pairs", "person_id"): PERSON,
    ("do_not_pairs", "other_person_id"): PERSON,
    ("preferred_partners", "person_id"): PERSON,
    ("preferred_partners", "partner_id"): PERSON,
    ("reminder_choices", "person_id"): PERSON,
    ("assignments", "person_id"): PERSON,
    ("calendar_copies", "person_id"): PERSON,
    ("outbox_messages", "person_id"): PERSON,
    ("expenses", "person_id"): PERSON,
    ("payment_lines", "person_id"): PERSON,
    ("letter_records", "person_id"): PERSON,
    ("problems", "person_id"): PERSON,
    ("messages", "person_id"): PERSON,
    ("messages", "user_id"): ACCOUNT,
    ("message_choices", "person_id"): PERSON,
    ("progression_steps", "person_id"): PERSON,
    ("check_ins", "person_id"): PERSON,
    ("help_requests", "person_id"): PERSON,
    ("employer_contacts", "user_id"): ACCOUNT,
}

#: (table, column) -> the table it points at, for records the subject made or decided
BY = {
    ("audit_events", "actor_id"): ACCOUNT,
    ("data_exports", "requested_by_id"): ACCOUNT,
    ("pay_runs", "created_by_id"): ACCOUNT,
    ("sign_in_links", "created_by_id"): ACCOUNT,
    ("do_not_pairs", "created_by_id"): ACCOUNT,
    ("expenses", "claimed_by_id"): ACCOUNT,
    ("letter_records", "issued_by_id"): ACCOUNT,
    ("payment_lines", "decided_by_id"): ACCOUNT,
    ("assignments", "attendance_confirmed_by_id"): ACCOUNT,
    ("problems", "found_by_id"): ACCOUNT,
    ("problems", "resolved_by_id"): ACCOUNT,
    ("people", "lead_id"): ACCOUNT,
    ("progression_steps", "recorded_by_id"): ACCOUNT,
    ("check_ins", "lead_id"): ACCOUNT,
    ("review_outcomes", "recorded_by_id"): ACCOUNT,
    ("help_requests", "answered_by_id"): ACCOUNT,
    ("bookings", "booked_by_id"): ACCOUNT,
}

#: (table, column) -> the table it points at, for rows about a learner: their own, their
#: places' (bookings) and what hangs from those; parents before children, as collected
ABOUT_LEARNER = {
    ("bookings", "learner_id"): LEARNER,
    ("part_one_uploads", "learner_id"): LEARNER,
    ("booking_requests", "booking_id"): "bookings",
    ("learner_messages", "booking_id"): "bookings",
    ("certificates", "booking_id"): "bookings",
    ("certificates", "replaces_id"): "certificates",
    ("evaluation_responses", "booking_id"): "bookings",
    ("evaluation_answers", "response_id"): "evaluation_responses",
}
#: the tables that hold a learner's rows: tests/privacy checks that every reference to one of
#: them is listed in ABOUT_LEARNER, so a new table cannot be left out of a learner's copy
LEARNER_TABLES = {LEARNER, "bookings", "certificates", "evaluation_responses"}

#: columns never copied out: secrets that open the account, or whole files
SECRET = {
    ("users", "password_hash"),
    ("users", "totp_secret"),
    ("sign_in_links", "token_hash"),
    ("recovery_codes", "code_hash"),
    ("calendar_feeds", "token"),
    ("outbox_messages", "message"),
    ("learner_messages", "message"),
    ("booking_requests", "token_hash"),
    ("data_exports", "json_file"),
    ("data_exports", "readable_file"),
}

#: what each table is called in the readable copy
TITLES = {
    "people": "Your profile",
    "users": "Your sign-in account",
    "user_roles": "Your roles",
    "sign_in_links": "One-time links made for you",
    "recovery_codes": "Two-step recovery codes (when made and used)",
    "calendar_feeds": "Your calendar links",
    "person_delivery_roles": "Roles you can fill",
    "person_qualifications": "Programmes you are trained to deliver",
    "availability_windows": "When you can work",
    "unavailable_periods": "Time off",
    "do_not_pairs": "People you are not put in a team with",
    "preferred_partners": "People you like to work with",
    "reminder_choices": "Your calendar reminders",
    "assignments": "Sessions you were offered or worked in",
    "calendar_copies": "Your copies of session invites",
    "messages": "Messages we sent you",
    "message_choices": "How you want to hear from us",
    "outbox_messages": "Emails we sent you",
    "expenses": "Expenses you claimed",
    "payment_lines": "Your pay",
    "problems": "Booking rules your seats broke, and how they were settled",
    "letter_records": "Letters we issued to you",
    "progression_steps": "Your path: trained, shadowed, co-delivered, mentor",
    "check_ins": "Your check-ins after sessions",
    "employer_contacts": "Employers you book places for",
    "sign_in_attempts": "Sign-in attempts with your email address",
    "sign_in_link_requests": "Requests for links to your email address",
    "audit_events": "Changes to your records",
    "done_by_you": "Things you did in the service",
    "learners": "Your details",
    "bookings": "Your places on sessions",
    "part_one_uploads": "Your Part 1 certificate, as you sent it (its size only)",
    "booking_requests": "Places you asked for on the booking page",
    "learner_messages": "Emails we sent you about your places",
    "certificates": "Your certificates",
    "evaluation_responses": "Your evaluation forms (when you gave your name)",
    "evaluation_answers": "Your answers to the evaluation",
}
