using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    event_types = table.Column<int[]>(type: "integer[]", nullable: false),
                    protected_secret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    paused_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_subscriptions_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    project_key = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    project_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "json", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lease_token = table.Column<Guid>(type: "uuid", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_duration_ms = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhook_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "webhook_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_attempts_webhook_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "webhook_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_attempts_delivery_id_number",
                table: "webhook_attempts",
                columns: new[] { "delivery_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "delivered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_project_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "project_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_subscription_id",
                table: "webhook_deliveries",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_subscriptions_project_id",
                table: "webhook_subscriptions",
                column: "project_id");

            // Events are inserted into this view (it stores nothing): for each subscription of the event's project to its
            // type, the trigger queues an outbox row, in the statement and transaction of the change. A project without
            // subscriptions costs one index lookup. Paused subscriptions are queued for too: they get it when resumed.
            migrationBuilder.Sql("""
                CREATE VIEW webhook_event_intake AS
                    SELECT NULL::uuid AS id, NULL::uuid AS project_id, NULL::integer AS type,
                           NULL::timestamptz AS occurred_at, NULL::json AS payload
                    WHERE false;

                CREATE FUNCTION webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webhook_deliveries (id, event_id, subscription_id, project_id, type, project_key, project_name,
                                                    occurred_at, payload, created_at, attempts, next_attempt_at)
                    SELECT gen_random_uuid(), NEW.id, s.id, NEW.project_id, NEW.type, p.key, p.name,
                           NEW.occurred_at, NEW.payload, clock_timestamp(), 0, now()
                    FROM webhook_subscriptions s
                    JOIN projects p ON p.id = s.project_id
                    WHERE s.project_id = NEW.project_id AND NEW.type = ANY (s.event_types);
                    RETURN NEW;
                END $$;

                CREATE TRIGGER webhook_event_intake_fan_out INSTEAD OF INSERT ON webhook_event_intake
                    FOR EACH ROW EXECUTE FUNCTION webhook_fan_out();
                """);

            // The change feed announces a project's deliveries when events are queued, redelivered or attempted (the
            // worker wakes at once; the delivery log reloads), and when a webhook is resumed or paused. Claiming and
            // releasing a row only moves its lease, which nobody needs to hear of.
            migrationBuilder.Sql("""
                CREATE FUNCTION webhook_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'webhook_deliveries' AND TG_OP = 'UPDATE' THEN
                        -- Nested: a subscription's row has none of these columns.
                        IF NEW.attempts = OLD.attempts AND NEW.next_attempt_at = OLD.next_attempt_at
                           AND NEW.delivered_at IS NOT DISTINCT FROM OLD.delivered_at THEN
                            RETURN NULL;
                        END IF;
                    END IF;
                    PERFORM pg_notify('dsprocess_changes', 'webhooks:' || NEW.project_id);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER webhook_deliveries_notify_change AFTER INSERT OR UPDATE ON webhook_deliveries
                    FOR EACH ROW EXECUTE FUNCTION webhook_notify_change();
                CREATE TRIGGER webhook_subscriptions_notify_change AFTER UPDATE OF state ON webhook_subscriptions
                    FOR EACH ROW EXECUTE FUNCTION webhook_notify_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP VIEW webhook_event_intake;
                DROP FUNCTION webhook_fan_out();
                DROP TRIGGER webhook_deliveries_notify_change ON webhook_deliveries;
                DROP TRIGGER webhook_subscriptions_notify_change ON webhook_subscriptions;
                DROP FUNCTION webhook_notify_change();
                """);

            migrationBuilder.DropTable(
                name: "webhook_attempts");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");
        }
    }
}
