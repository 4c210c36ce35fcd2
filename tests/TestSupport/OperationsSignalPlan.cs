using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;

namespace DsProcess.Tests;

/// <summary>One kind of monitor in the plan: its metric, direction and threshold, and the values it sends.</summary>
/// <param name="AtLeast">True: breaches below the threshold; false: above it.</param>
public sealed record PlannedMonitor(string Kind, string Metric, bool AtLeast, double Threshold, double Breach, double Healthy)
{
    /// <summary>The plan's own reading of the rule (not the product's): the threshold itself does not breach.</summary>
    public bool Breaches(double value) => AtLeast ? value < Threshold : value > Threshold;

    /// <summary>A model version approved and deployed to production with this monitor on it, by the domain's own factories.</summary>
    public (ModelVersion Model, Deployment Deployment, ModelMonitor Monitor) Deploy(
        Guid projectId, string name, string label, string endpoint, Actor by, DateTimeOffset at)
    {
        var model = ModelVersion.Register(projectId, null, new ModelVersionFacts(name, label, null, null, null), [], [], [], by, at);
        model.MoveTo(ModelStage.Approved, "Passed offline evaluation", by, at);
        var deployment = Deployment.Record(model, DeploymentEnvironment.Production, endpoint, by, at);
        var settings = new MonitorSettings(Metric, AtLeast ? TargetDirection.AtLeast : TargetDirection.AtMost, Threshold, AlertSeverity.Warning);
        return (model, deployment, ModelMonitor.Add(model, deployed: true, Enum.Parse<MonitorKind>(Kind), settings, by, at));
    }
}

/// <summary>One POST of signals: its Idempotency-Key and its body. <see cref="Replay"/> repeats an earlier post (same key, same body).</summary>
public sealed record PlannedPost(string Key, IReadOnlyList<(double Value, DateTimeOffset At)> Signals, bool Replay);

/// <summary>Posts sent at once (one, or two to the same monitor concurrently); a model's steps go one after another, each after the last is answered.</summary>
public sealed record PlannedStep(IReadOnlyList<PlannedPost> Posts);

/// <summary>An alert as a plain reading of the signals expects it: the time of its first breach and of its recovery, if any.</summary>
public sealed record ExpectedAlert(DateTimeOffset OpenedAt, double OpeningValue, DateTimeOffset? ClosedAt);

/// <summary>What one monitor is sent and what it must end with.</summary>
public sealed record PlannedModel(int Index, PlannedMonitor Monitor, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<ExpectedAlert> Alerts, int SignalsStored, bool BreachingAtEnd)
{
    public int Posts => Steps.Sum(s => s.Posts.Count);
}

/// <summary>
/// A deterministic sequence of signals for many monitored models, as a scoring pipeline sends them, with what it must
/// produce. Each model gets, one step after another: single signals in time order (breaches, continued breaches,
/// recoveries, re-breaches, values exactly at the threshold), batches shuffled out of order, two posts of a continued
/// state sent concurrently to the same monitor (either may get a 409 and retry: the outcome does not depend on which
/// wins), stale signals older than one already answered (which would flip the state if they were judged), and
/// retries with the same Idempotency-Key, after the answer or concurrently with the original.
/// <para>
/// The expected alerts come from a tiny model independent of the product: signals are judged in order of arrival
/// (a step's own signals in time order); only one newer than the latest counts; a breach when not breaching opens one
/// alert, a value within the threshold while breaching closes it. Replays store and change nothing.
/// </para>
/// </summary>
public static class OperationsSignalPlan
{
    /// <summary>The four monitors in turn: both directions, all four kinds.</summary>
    public static readonly PlannedMonitor[] Monitors =
    [
        new("ModelPerformance", "accuracy", AtLeast: true, 0.8, Breach: 0.62, Healthy: 0.91),
        new("Infrastructure", "latency_p95_ms", AtLeast: false, 250, Breach: 410, Healthy: 120),
        new("DataDrift", "psi", AtLeast: false, 0.2, Breach: 0.35, Healthy: 0.04),
        new("Security", "auth_success_ratio", AtLeast: true, 0.99, Breach: 0.93, Healthy: 0.999),
    ];

    /// <summary>
    /// The plan for <paramref name="models"/> models with about <paramref name="postsPerModel"/> posts each, signals from
    /// <paramref name="start"/> on, a minute apart. Idempotency-Keys start with <paramref name="run"/>: a caller's keys
    /// must differ from one run to the next.
    /// </summary>
    public static IReadOnlyList<PlannedModel> Create(int models, int postsPerModel, DateTimeOffset start, string run, int seed = 2026) =>
        [.. Enumerable.Range(0, models).Select(m => CreateModel(m, Math.Max(4, postsPerModel), start, run, seed))];

    /// <summary>How many minutes of signal times the plan may use before <c>start</c> reaches now: start the plan this far back.</summary>
    public static TimeSpan Span(int postsPerModel) => TimeSpan.FromMinutes((3 * Math.Max(4, postsPerModel)) + 10);

    private static PlannedModel CreateModel(int index, int posts, DateTimeOffset start, string run, int seed)
    {
        var monitor = Monitors[index % Monitors.Length];
        var random = new Random(seed + (index * 7919));
        var steps = new List<PlannedStep>();
        var tick = 0;
        var breaching = false;
        var sent = 0;
        var number = 0;
        PlannedPost? last = null;
        DateTimeOffset At(int t) => start.AddMinutes(t);
        string NextKey() => $"{run}-m{index}-p{number++}";

        // A healthy value, now and then exactly at the threshold (which does not breach).
        double Healthy() => random.Next(5) == 0 ? monitor.Threshold : monitor.Healthy;

        double Next(bool keep)
        {
            var breach = keep ? breaching : !breaching;
            return breach ? monitor.Breach : Healthy();
        }

        PlannedPost Single(double value) => new(NextKey(), [(value, At(tick++))], Replay: false);

        while (sent < posts)
        {
            PlannedStep step;
            var choice = sent == 0 ? 0 : random.Next(12);
            if (choice <= 4)
            {
                // In time order: a new episode or a recovery half the time, else more of the same.
                step = new([last = Single(Next(keep: random.Next(2) == 0))]);
            }
            else if (choice == 5)
            {
                // A batch of two or three minutes, shuffled in the body: judged in time order all the same.
                var count = 2 + random.Next(2);
                var signals = Enumerable.Range(0, count).Select(_ => (Value: random.Next(2) == 0 ? monitor.Breach : Healthy(), At: At(tick++))).ToList();
                step = new([last = new PlannedPost(NextKey(), [.. signals.OrderBy(_ => random.Next())], Replay: false)]);
            }
            else if (choice is 6 or 7 && posts - sent >= 2)
            {
                // Two posts of the state under way, to one monitor at once: whichever lands first, nothing opens or closes.
                var first = Single(Next(keep: true));
                var second = Single(Next(keep: true));
                step = new([first, second]);
                last = second;
            }
            else if (choice == 8 && tick >= 2)
            {
                // Late: between two answered minutes, or exactly at one of them, with the value that would flip the state.
                var at = random.Next(2) == 0 ? At(tick - 2).AddSeconds(30) : At(tick - 1 - random.Next(Math.Min(tick, 3)));
                step = new([last = new PlannedPost(NextKey(), [(breaching ? Healthy() : monitor.Breach, at)], Replay: false)]);
            }
            else if (choice == 9 && last is not null)
            {
                // The pipeline retries a post it already had an answer to: the same key and body.
                step = new([last with { Replay = true }]);
            }
            else if (choice == 10 && posts - sent >= 2)
            {
                // The pipeline's retry races its own first attempt: one runs, the other gets its answer.
                var post = Single(Next(keep: random.Next(2) == 0));
                step = new([post, post with { Replay = true }]);
                last = post;
            }
            else
            {
                step = new([last = Single(Next(keep: false))]);
            }

            steps.Add(step);
            sent += step.Posts.Count;
            breaching = Judge(monitor, steps).Breaching;
        }

        var (alerts, stored, breachingAtEnd) = Judge(monitor, steps);
        return new PlannedModel(index, monitor, steps, alerts, stored, breachingAtEnd);
    }

    /// <summary>The plain reading: each step's new signals in time order, only those newer than the latest judged.</summary>
    private static (List<ExpectedAlert> Alerts, int Stored, bool Breaching) Judge(PlannedMonitor monitor, IEnumerable<PlannedStep> steps)
    {
        var alerts = new List<ExpectedAlert>();
        DateTimeOffset? latest = null;
        var stored = 0;
        foreach (var step in steps)
        {
            var fresh = step.Posts.Where(p => !p.Replay).SelectMany(p => p.Signals).OrderBy(s => s.At).ToList();
            stored += fresh.Count;
            foreach (var (value, at) in fresh)
            {
                if (latest is { } l && at <= l)
                {
                    continue;
                }

                latest = at;
                var open = alerts.Count > 0 && alerts[^1].ClosedAt is null;
                if (monitor.Breaches(value) && !open)
                {
                    alerts.Add(new ExpectedAlert(at, value, null));
                }
                else if (!monitor.Breaches(value) && open)
                {
                    alerts[^1] = alerts[^1] with { ClosedAt = at };
                }
            }
        }

        return (alerts, stored, alerts.Count > 0 && alerts[^1].ClosedAt is null);
    }
}
