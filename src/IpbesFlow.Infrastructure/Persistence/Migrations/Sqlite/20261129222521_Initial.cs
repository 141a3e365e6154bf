using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    workflow_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    workflow_version = table.Column<int>(type: "INTEGER", nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    plenary_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    parameters_json = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, defaultValue: "UTC"),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    to_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    to_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: true),
                    calendar_ics = table.Column<string>(type: "TEXT", nullable: true),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    queued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    preferred_language = table.Column<string>(type: "TEXT", unicode: false, maxLength: 2, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 2, nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    review_announcements = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_steps",
                columns: table => new
                {
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    planned_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    planned_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    @fixed = table.Column<bool>(name: "fixed", type: "INTEGER", nullable: false),
                    opens_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closes_at = table.Column<long>(type: "INTEGER", nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    reminder_days = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reminders_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    next_reminder_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    overdue_notified = table.Column<bool>(type: "INTEGER", nullable: false),
                    decision_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    set_up_at = table.Column<long>(type: "INTEGER", nullable: true),
                    set_up_notices_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    set_up_notice_at = table.Column<long>(type: "INTEGER", nullable: true),
                    advance_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    retry_after = table.Column<long>(type: "INTEGER", nullable: true),
                    advance_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    invitation_sequence = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_steps", x => new { x.assessment_id, x.step_id });
                    table.ForeignKey(
                        name: "fk_assessment_steps_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    old_value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    new_value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_journal_entries_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notification_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 60, nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    queued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    queued_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    dispatched_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recipients = table.Column<int>(type: "INTEGER", nullable: false),
                    failed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_notification_events_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    max_comment_length = table.Column<int>(type: "INTEGER", nullable: false),
                    terms = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    last_comment_number = table.Column<int>(type: "INTEGER", nullable: false),
                    configured_at = table.Column<long>(type: "INTEGER", nullable: false),
                    configured_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_rounds_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    hint = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    hash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    review_step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    chapter = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    granted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    granted_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_assignments_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    address_hash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_sign_in_links_user_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "user_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_uploads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    submitter_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    comments = table.Column<int>(type: "INTEGER", nullable: false),
                    first_number = table.Column<int>(type: "INTEGER", nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comment_uploads", x => x.id);
                    table.ForeignKey(
                        name: "fk_comment_uploads_review_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "review_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_chapters",
                columns: table => new
                {
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    signed_off_at = table.Column<long>(type: "INTEGER", nullable: true),
                    signed_off_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_chapters", x => new { x.round_id, x.code });
                    table.ForeignKey(
                        name: "fk_review_chapters_review_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "review_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    chapter = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    from_page = table.Column<int>(type: "INTEGER", nullable: false),
                    from_line = table.Column<int>(type: "INTEGER", nullable: false),
                    to_page = table.Column<int>(type: "INTEGER", nullable: false),
                    to_line = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 32767, nullable: false),
                    reviewer_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reviewer_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reviewer_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    reviewer_organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    registration_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    upload_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    response_status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    response_text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    responded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    responded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    erratum_at = table.Column<long>(type: "INTEGER", nullable: true),
                    erratum_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    erratum_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_comments_review_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "review_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_drafts_review_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "review_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reviewer_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reviewer_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    reviewer_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    chapters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    registered_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    terms_accepted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    publish_identity = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_registrations_review_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "review_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "earlier_responses",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    comment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    responded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    responded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    replaced_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_earlier_responses", x => x.id);
                    table.ForeignKey(
                        name: "fk_earlier_responses_review_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "review_comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "asp_net_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "asp_net_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_advance_failures",
                table: "assessment_steps",
                column: "advance_failures",
                filter: "advance_failures > 0");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_due_at",
                table: "assessment_steps",
                column: "due_at",
                filter: "due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_comment_uploads_round_id_submitter_key_sha256",
                table: "comment_uploads",
                columns: new[] { "round_id", "submitter_key", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_earlier_responses_comment_id",
                table: "earlier_responses",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_assessment_id_id",
                table: "journal_entries",
                columns: new[] { "assessment_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_assessment_id",
                table: "notification_events",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_dispatched_at_id",
                table: "notification_events",
                columns: new[] { "dispatched_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_failed_at",
                table: "notification_events",
                column: "failed_at",
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_assessment_id",
                table: "outbox_messages",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "id" },
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_people_normalized_email",
                table: "people",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_comments_assessment_id_step_id_chapter",
                table: "review_comments",
                columns: new[] { "assessment_id", "step_id", "chapter" });

            migrationBuilder.CreateIndex(
                name: "ix_review_comments_registration_id",
                table: "review_comments",
                column: "registration_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_comments_round_id_chapter_from_page_from_line",
                table: "review_comments",
                columns: new[] { "round_id", "chapter", "from_page", "from_line" });

            migrationBuilder.CreateIndex(
                name: "ix_review_comments_round_id_number",
                table: "review_comments",
                columns: new[] { "round_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_drafts_round_id",
                table: "review_drafts",
                column: "round_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_registrations_registered_by",
                table: "review_registrations",
                column: "registered_by");

            migrationBuilder.CreateIndex(
                name: "ix_review_registrations_round_id_reviewer_key",
                table: "review_registrations",
                columns: new[] { "round_id", "reviewer_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_rounds_assessment_id_step_id",
                table: "review_rounds",
                columns: new[] { "assessment_id", "step_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_user_id",
                table: "role_assignments",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_links_address_hash_created_at",
                table: "sign_in_links",
                columns: new[] { "address_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_links_expires_at",
                table: "sign_in_links",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_links_hash",
                table: "sign_in_links",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_links_user_id",
                table: "sign_in_links",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "user_accounts",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "user_accounts",
                column: "normalized_user_name",
                unique: true);

            // History is append-only in the database itself, not only in the application (README, design notes).
            foreach (var trigger in MigrationSql.AppendOnlyTriggersOnSqlite())
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var drop in MigrationSql.DropAppendOnlyTriggersOnSqlite())
            {
                migrationBuilder.Sql(drop);
            }

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "asp_net_user_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_logins");

            migrationBuilder.DropTable(
                name: "asp_net_user_tokens");

            migrationBuilder.DropTable(
                name: "assessment_steps");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "comment_uploads");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "earlier_responses");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "notification_events");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "review_chapters");

            migrationBuilder.DropTable(
                name: "review_drafts");

            migrationBuilder.DropTable(
                name: "review_registrations");

            migrationBuilder.DropTable(
                name: "role_assignments");

            migrationBuilder.DropTable(
                name: "sign_in_links");

            migrationBuilder.DropTable(
                name: "review_comments");

            migrationBuilder.DropTable(
                name: "user_accounts");

            migrationBuilder.DropTable(
                name: "review_rounds");

            migrationBuilder.DropTable(
                name: "assessments");
        }
    }
}
