using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_documents");

            migrationBuilder.DropTable(
                name: "meeting_participants");

            migrationBuilder.DropTable(
                name: "meeting_venues");
        }
    }
}
