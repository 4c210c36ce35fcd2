using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <summary>
    /// A change to a person's account or to one of their API tokens sends <c>caller:{person id}</c> on the change feed
    /// when it commits, so every app instance forgets the tokens it checked for that person. Noting a token's last use
    /// sends nothing.
    /// </summary>
    public partial class CallerChangeNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION dsprocess_notify_caller_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('dsprocess_changes', 'caller:' || (to_jsonb(OLD) ->> TG_ARGV[0]));
                    RETURN NULL;
                END $$;

                CREATE TRIGGER people_notify_caller_change AFTER UPDATE OR DELETE ON people
                    FOR EACH ROW EXECUTE FUNCTION dsprocess_notify_caller_change('id');
                CREATE TRIGGER api_tokens_notify_caller_change
                    AFTER UPDATE OF person_id, name, kind, scope, project_id, role, secret_hash, expires_at, revoked_at OR DELETE ON api_tokens
                    FOR EACH ROW EXECUTE FUNCTION dsprocess_notify_caller_change('person_id');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER api_tokens_notify_caller_change ON api_tokens;
                DROP TRIGGER people_notify_caller_change ON people;
                DROP FUNCTION dsprocess_notify_caller_change();
                """);
        }
    }
}
