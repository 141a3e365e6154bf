using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "chapter",
                table: "role_assignments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "review_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    max_comment_length = table.Column<int>(type: "integer", nullable: false),
                    terms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    last_comment_number = table.Column<int>(type: "integer", nullable: false),
                    configured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    configured_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                name: "comment_uploads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submitter_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    comments = table.Column<int>(type: "integer", nullable: false),
                    first_number = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    signed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_off_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    chapter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_page = table.Column<int>(type: "integer", nullable: false),
                    from_line = table.Column<int>(type: "integer", nullable: false),
                    to_page = table.Column<int>(type: "integer", nullable: false),
                    to_line = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(32767)", maxLength: 32767, nullable: false),
                    reviewer_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reviewer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reviewer_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    reviewer_organisation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    registration_id = table.Column<Guid>(type: "uuid", nullable: true),
                    upload_id = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    response_status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    response_text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    responded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reviewer_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reviewer_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    reviewer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    organisation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    chapters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    registered_by = table.Column<Guid>(type: "uuid", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    terms_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "ix_comment_uploads_round_id_submitter_key_sha256",
                table: "comment_uploads",
                columns: new[] { "round_id", "submitter_key", "sha256" },
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_uploads");

            migrationBuilder.DropTable(
                name: "review_chapters");

            migrationBuilder.DropTable(
                name: "review_comments");

            migrationBuilder.DropTable(
                name: "review_drafts");

            migrationBuilder.DropTable(
                name: "review_registrations");

            migrationBuilder.DropTable(
                name: "review_rounds");

            migrationBuilder.DropColumn(
                name: "chapter",
                table: "role_assignments");
        }
    }
}
