using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Tests;

public sealed class ReadSnapshotTests
{
    private static ChangeNotice Of(ulong? transaction) => new(ChangeScope.Project, Guid.NewGuid(), transaction);

    [Fact]
    public void A_read_saw_what_committed_before_it_and_not_what_was_in_progress_or_began_after()
    {
        var snapshot = ReadSnapshot.Parse("795:799:795,797")!;

        Assert.True(snapshot.Saw(Of(700)));
        Assert.True(snapshot.Saw(Of(796)));
        Assert.True(snapshot.Saw(Of(798)));
        Assert.False(snapshot.Saw(Of(795)));
        Assert.False(snapshot.Saw(Of(797)));
        Assert.False(snapshot.Saw(Of(799)));
        Assert.False(snapshot.Saw(Of(900)));
    }

    [Fact]
    public void A_notice_that_does_not_name_its_transaction_is_never_taken_as_seen()
    {
        Assert.False(ReadSnapshot.Parse("10:10:")!.Saw(Of(null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10:12")]
    [InlineData("a:12:")]
    [InlineData("10:12:x")]
    public void Text_that_is_not_a_snapshot_reads_as_none(string? text)
    {
        Assert.Null(ReadSnapshot.Parse(text));
    }
}
