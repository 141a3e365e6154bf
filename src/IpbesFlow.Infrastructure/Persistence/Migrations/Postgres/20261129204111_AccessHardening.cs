using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "user_accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "sign_in_links",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "address_hash",
                table: "sign_in_links",
                type: "character varying(64)",
                unicode: false,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "publish_identity",
                table: "review_registrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "notification_events",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                table: "notification_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "advance_error",
                table: "assessment_steps",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "advance_failures",
                table: "assessment_steps",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "decided_on",
                table: "assessment_steps",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_reference",
                table: "assessment_steps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retry_after",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "set_up_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "set_up_notice_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "set_up_notices_sent",
                table: "assessment_steps",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "earlier_responses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    responded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            foreach (var trigger in MigrationSql.AppendOnlyTriggersOnPostgres())
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var drop in MigrationSql.DropAppendOnlyTriggersOnPostgres())
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
