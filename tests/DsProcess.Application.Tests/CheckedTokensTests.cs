using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tokens;
using DsProcess.Domain.Common;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;

namespace DsProcess.Application.Tests;

/// <summary>The remembered token checks: trusted only while the change feed listens on the connection they were read under.</summary>
public sealed class CheckedTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly TurnableFeed _feed = new();

    [Fact]
    public void A_token_is_remembered_within_the_session_it_was_read_in_and_for_a_minute_at_most()
    {
        using var tokens = new CheckedTokens(_feed);
        var token = Token(Guid.NewGuid());
        tokens.Remember("a", token, tokens.Now(), Now);

        Assert.Same(token, tokens.Find("a", Now.AddSeconds(59)));
        Assert.Null(tokens.Find("a", Now.Add(CheckedTokens.MaxAge)));
        _feed.Session = 2;
        Assert.Null(tokens.Find("a", Now));
    }

    [Fact]
    public void Nothing_is_remembered_while_the_feed_is_down_or_when_a_change_came_during_the_read()
    {
        using var tokens = new CheckedTokens(_feed);
        var owner = Guid.NewGuid();
        _feed.Session = 0;
        tokens.Remember("down", Token(owner), tokens.Now(), Now);
        _feed.Session = 1;
        var readAt = tokens.Now();
        _feed.Announce(new ChangeNotice(ChangeScope.Caller, Guid.NewGuid()));
        tokens.Remember("raced", Token(owner), readAt, Now);

        Assert.Null(tokens.Find("down", Now));
        Assert.Null(tokens.Find("raced", Now));
    }

    [Fact]
    public void A_change_to_a_caller_forgets_their_tokens_only()
    {
        using var tokens = new CheckedTokens(_feed);
        var (changed, other) = (Guid.NewGuid(), Guid.NewGuid());
        tokens.Remember("changed", Token(changed), tokens.Now(), Now);
        tokens.Remember("other", Token(other), tokens.Now(), Now);

        _feed.Announce(new ChangeNotice(ChangeScope.Project, changed));
        var afterProjectNotice = tokens.Find("changed", Now);
        _feed.Announce(new ChangeNotice(ChangeScope.Caller, changed));

        Assert.NotNull(afterProjectNotice);
        Assert.Null(tokens.Find("changed", Now));
        Assert.NotNull(tokens.Find("other", Now));
    }

    private static CheckedToken Token(Guid owner) => new(
        Guid.NewGuid(), owner, "ci", TokenKind.Personal, TokenScope.Read, null, null, Now.AddDays(7), null, Now,
        new Person(owner, "Ci Owner", $"{owner:N}@example.com", SystemRole.Member, Actor.System, Now));

    private sealed class TurnableFeed : IChangeFeed
    {
        private Action<ChangeNotice> _subscriber = _ => { };

        public int Session { get; set; } = 1;

        public IDisposable Subscribe(Action<ChangeNotice> onChange)
        {
            _subscriber = onChange;
            return new Unsubscriber(() => _subscriber = _ => { });
        }

        public void Announce(ChangeNotice notice) => _subscriber(notice);

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
