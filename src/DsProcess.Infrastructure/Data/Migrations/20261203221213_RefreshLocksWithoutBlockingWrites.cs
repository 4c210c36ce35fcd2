using Microsoft.EntityFrameworkCore.Migrations;

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The project refresh serialises itself per project with FOR NO KEY UPDATE instead of FOR UPDATE. FOR UPDATE also
    /// conflicts with the FOR KEY SHARE lock that every insert referencing the project takes for its foreign key, so a
    /// refresh waited for the project's writes in flight and held up the next ones (a model version, a dataset version,
    /// an activity entry) until it finished: once a second on a busy project. Two refreshes still exclude each other.
    /// </summary>
    public partial class RefreshLocksWithoutBlockingWrites : Migration
    {
        private const string Blocking = "ORDER BY id FOR UPDATE;";

        private const string NotBlocking = "ORDER BY id FOR NO KEY UPDATE;";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(ProjectSettings.RefreshWithRule.Replace(Blocking, NotBlocking, StringComparison.Ordinal));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(ProjectSettings.RefreshWithRule);
    }
}
