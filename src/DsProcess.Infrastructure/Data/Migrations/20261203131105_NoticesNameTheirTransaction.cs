using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Change notices name the transaction that committed them, and queries can read their own snapshot: a screen that
    /// read its data after a change commits knows the notice of that change is already on it.
    /// </summary>
    public partial class NoticesNameTheirTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION dsprocess_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'activity' THEN
                        IF NEW.project_id IS NOT NULL THEN
                            PERFORM pg_notify('dsprocess_changes', 'project:' || NEW.project_id || ':' || pg_current_xact_id());
                        END IF;
                    ELSE
                        PERFORM pg_notify('dsprocess_changes', 'person:' || NEW.recipient_id || ':' || pg_current_xact_id());
                    END IF;
                    RETURN NULL;
                END $$;

                -- STABLE: it runs in the calling statement's snapshot, so it returns the snapshot that statement reads.
                CREATE FUNCTION dsprocess_read_snapshot() RETURNS text LANGUAGE sql STABLE AS $$
                    SELECT pg_current_snapshot()::text
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION dsprocess_read_snapshot();
                CREATE OR REPLACE FUNCTION dsprocess_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'activity' THEN
                        IF NEW.project_id IS NOT NULL THEN
                            PERFORM pg_notify('dsprocess_changes', 'project:' || NEW.project_id);
                        END IF;
                    ELSE
                        PERFORM pg_notify('dsprocess_changes', 'person:' || NEW.recipient_id);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
