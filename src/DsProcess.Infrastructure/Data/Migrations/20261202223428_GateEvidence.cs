using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class GateEvidence : Migration
    {
        /// <summary>Reviews from before automatic criteria existed stand on no recorded versions.</summary>
        internal const string NoEvidenceBefore = "UPDATE gate_reviews SET approved_evidence = '[]'::jsonb;";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approved_evidence",
                table: "gate_reviews",
                type: "jsonb",
                nullable: true);
            migrationBuilder.Sql(NoEvidenceBefore);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approved_evidence",
                table: "gate_reviews");
        }
    }
}
