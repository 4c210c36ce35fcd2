using System.Collections.Concurrent;
using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Projects.Queries.ProjectBoard;

/// <summary>
/// Board reads under way or just done, shared: a change reaches every open board of its project at once, and they all
/// reload together. A reload that says which changes it must show takes a read under way, or one done in the last
/// moments, when that read saw them, so one statement serves them all (each caller still gets its own access check and
/// flags). Any other read is its own.
/// </summary>
public sealed class SharedBoardReads
{
    /// <summary>How long a finished read serves the reloads that come after it.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Task<ProjectBoardDto>> _reads = new(StringComparer.OrdinalIgnoreCase);

    public async Task<ProjectBoardDto> ReadAsync(string key, IReadOnlyCollection<ChangeNotice> mustShow, Func<Task<ProjectBoardDto>> read)
    {
        if (mustShow.Count > 0 && _reads.TryGetValue(key, out var shared))
        {
            try
            {
                var board = await shared;
                if (mustShow.All(n => board.Seen?.Saw(n) == true))
                {
                    return board;
                }
            }
            catch (OperationCanceledException)
            {
                // The reader it started for went away; this one reads for itself.
            }
            catch (Exception) when (shared.IsFaulted)
            {
                // It failed for its reader; this one reads for itself.
            }
        }

        var mine = read();
        _reads[key] = mine;
        try
        {
            return await mine;
        }
        finally
        {
            _ = ForgetAsync(key, mine);
        }
    }

    private async Task ForgetAsync(string key, Task<ProjectBoardDto> read)
    {
        if (read.IsCompletedSuccessfully)
        {
            await Task.Delay(Kept);
        }

        _reads.TryRemove(KeyValuePair.Create(key, read));
    }
}
