using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Queries.ProjectBoard;

namespace DsProcess.Application.Tests;

public sealed class SharedBoardReadsTests
{
    private static readonly ChangeNotice Change = new(ChangeScope.Project, Guid.NewGuid(), 100);

    private static ProjectBoardDto Board(string snapshot) =>
        new(Guid.NewGuid(), "KEY", "Name", "", default, default, default, null, 1, [], [], new BoardEvidence(false, false, false, false, false, 0, null, 0))
        {
            Seen = ReadSnapshot.Parse(snapshot),
        };

    [Fact]
    public async Task A_reload_for_a_change_joins_a_read_under_way_that_saw_it()
    {
        var reads = new SharedBoardReads();
        var underWay = new TaskCompletionSource<ProjectBoardDto>();
        var first = reads.ReadAsync("KEY", [], () => underWay.Task);
        var ownReads = 0;

        var joined = reads.ReadAsync("key", [Change], () => { ownReads++; return Task.FromResult(Board("200:200:")); });
        var sawIt = Board("150:150:");
        underWay.SetResult(sawIt);

        Assert.Same(sawIt, await joined);
        Assert.Same(sawIt, await first);
        Assert.Equal(0, ownReads);
    }

    [Fact]
    public async Task A_reload_for_a_change_a_read_under_way_did_not_see_reads_for_itself()
    {
        var reads = new SharedBoardReads();
        var underWay = new TaskCompletionSource<ProjectBoardDto>();
        _ = reads.ReadAsync("KEY", [], () => underWay.Task);
        var own = Board("200:200:");

        var reload = reads.ReadAsync("KEY", [Change], () => Task.FromResult(own));
        underWay.SetResult(Board("90:100:"));

        Assert.Same(own, await reload);
    }

    [Fact]
    public async Task A_read_that_names_no_change_never_joins_another()
    {
        var reads = new SharedBoardReads();
        var underWay = new TaskCompletionSource<ProjectBoardDto>();
        _ = reads.ReadAsync("KEY", [], () => underWay.Task);
        var own = Board("200:200:");

        Assert.Same(own, await reads.ReadAsync("KEY", [], () => Task.FromResult(own)));
        underWay.SetResult(Board("150:150:"));
    }

    [Fact]
    public async Task A_reload_for_a_change_takes_a_read_just_done_that_saw_it()
    {
        var reads = new SharedBoardReads();
        var done = Board("150:150:");
        await reads.ReadAsync("KEY", [], () => Task.FromResult(done));

        Assert.Same(done, await reads.ReadAsync("KEY", [Change], () => Task.FromResult(Board("200:200:"))));

        var later = new ChangeNotice(ChangeScope.Project, Change.Id, 160);
        var own = Board("170:170:");
        Assert.Same(own, await reads.ReadAsync("KEY", [later], () => Task.FromResult(own)));
    }

    [Fact]
    public async Task A_reload_for_a_change_reads_for_itself_when_the_shared_read_failed()
    {
        var reads = new SharedBoardReads();
        var underWay = new TaskCompletionSource<ProjectBoardDto>();
        var first = reads.ReadAsync("KEY", [], () => underWay.Task);
        var own = Board("200:200:");

        var reload = reads.ReadAsync("KEY", [Change], () => Task.FromResult(own));
        underWay.SetException(new InvalidOperationException("the database went away"));

        Assert.Same(own, await reload);
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
    }
}
