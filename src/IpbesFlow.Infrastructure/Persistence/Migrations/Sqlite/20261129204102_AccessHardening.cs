using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "disabled_at",
                table: "user_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "sign_in_links",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "address_hash",
                table: "sign_in_links",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "publish_identity",
                table: "review_registrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "notification_events",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "failed_at",
                table: "notification_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "advance_error",
                table: "assessment_steps",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "advance_failures",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "decided_on",
                table: "assessment_steps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_reference",
                table: "assessment_steps",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "retry_after",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "set_up_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "set_up_notice_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "set_up_notices_sent",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

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
                name: "ix_sign_in_links_address_hash_created_at",
                table: "sign_in_links",
                columns: new[] { "address_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_links_expires_at",
                table: "sign_in_links",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_failed_at",
                table: "notification_events",
                column: "failed_at",
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_advance_failures",
                table: "assessment_steps",
                column: "advance_failures",
                filter: "advance_failures > 0");

            migrationBuilder.CreateIndex(
                name: "ix_earlier_responses_comment_id",
                table: "earlier_responses",
                column: "comment_id");

            migrationBuilder.Sql(MigrationSql.RefillStepDueInstants);
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
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "earlier_responses");

            migrationBuilder.DropIndex(
                name: "ix_sign_in_links_address_hash_created_at",
                table: "sign_in_links");

            migrationBuilder.DropIndex(
                name: "ix_sign_in_links_expires_at",
                table: "sign_in_links");

            migrationBuilder.DropIndex(
                name: "ix_notification_events_failed_at",
                table: "notification_events");

            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_advance_failures",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "user_accounts");

            migrationBuilder.DropColumn(
                name: "address_hash",
                table: "sign_in_links");

            migrationBuilder.DropColumn(
                name: "publish_identity",
                table: "review_registrations");

            migrationBuilder.DropColumn(
                name: "error",
                table: "notification_events");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "notification_events");

            migrationBuilder.DropColumn(
                name: "advance_error",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "advance_failures",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "decided_on",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "decision_reference",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "retry_after",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "set_up_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "set_up_notice_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "set_up_notices_sent",
                table: "assessment_steps");

            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "sign_in_links",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
