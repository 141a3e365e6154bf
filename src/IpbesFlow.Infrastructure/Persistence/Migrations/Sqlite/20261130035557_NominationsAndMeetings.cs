using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NominationsAndMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "candidates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    preferred_language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    gender = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    nationality = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    country_of_work = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    institution = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    disciplines = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    keywords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    languages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    roles_sought = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    chapters = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    economy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    cv_file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    applied_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    selected_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    selected_chapter = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    result_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resigned_at = table.Column<long>(type: "INTEGER", nullable: true),
                    replaces_candidate_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_candidates", x => x.id);
                    table.ForeignKey(
                        name: "fk_candidates_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "country_classifications",
                columns: table => new
                {
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    economy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_country_classifications", x => x.country_code);
                });

            migrationBuilder.CreateTable(
                name: "meeting_venues",
                columns: table => new
                {
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    host = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    online_link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reply_by = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_venues", x => new { x.assessment_id, x.step_id });
                    table.ForeignKey(
                        name: "fk_meeting_venues_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "candidate_cvs",
                columns: table => new
                {
                    candidate_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_candidate_cvs", x => x.candidate_id);
                    table.ForeignKey(
                        name: "fk_candidate_cvs_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disclosures",
                columns: table => new
                {
                    candidate_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    has_interests = table.Column<bool>(type: "INTEGER", nullable: false),
                    interests = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    review_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosures", x => x.candidate_id);
                    table.ForeignKey(
                        name: "fk_disclosures_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nominations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    candidate_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    nominator_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    body_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    nominated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nominations", x => x.id);
                    table.ForeignKey(
                        name: "fk_nominations_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_documents_meeting_venues_assessment_id_step_id",
                        columns: x => new { x.assessment_id, x.step_id },
                        principalTable: "meeting_venues",
                        principalColumns: new[] { "assessment_id", "step_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_participants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    added_by_hand = table.Column<bool>(type: "INTEGER", nullable: false),
                    removed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reply = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    replied_at = table.Column<long>(type: "INTEGER", nullable: true),
                    travel_support = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    travel_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    travel_decided_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    travel_decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attended = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_participants_meeting_venues_assessment_id_step_id",
                        columns: x => new { x.assessment_id, x.step_id },
                        principalTable: "meeting_venues",
                        principalColumns: new[] { "assessment_id", "step_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_candidates_assessment_id_call_step_id_normalized_email",
                table: "candidates",
                columns: new[] { "assessment_id", "call_step_id", "normalized_email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_candidates_user_id",
                table: "candidates",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_disclosures_assessment_id",
                table: "disclosures",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_documents_assessment_id_step_id",
                table: "meeting_documents",
                columns: new[] { "assessment_id", "step_id" });

            migrationBuilder.CreateIndex(
                name: "ix_meeting_participants_assessment_id_step_id_user_id",
                table: "meeting_participants",
                columns: new[] { "assessment_id", "step_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_participants_user_id",
                table: "meeting_participants",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_nominations_assessment_id_call_step_id_body_key",
                table: "nominations",
                columns: new[] { "assessment_id", "call_step_id", "body_key" });

            migrationBuilder.CreateIndex(
                name: "ix_nominations_candidate_id_body_key",
                table: "nominations",
                columns: new[] { "candidate_id", "body_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "candidate_cvs");

            migrationBuilder.DropTable(
                name: "country_classifications");

            migrationBuilder.DropTable(
                name: "disclosures");

            migrationBuilder.DropTable(
                name: "meeting_documents");

            migrationBuilder.DropTable(
                name: "meeting_participants");

            migrationBuilder.DropTable(
                name: "nominations");

            migrationBuilder.DropTable(
                name: "meeting_venues");

            migrationBuilder.DropTable(
                name: "candidates");
        }
    }
}
