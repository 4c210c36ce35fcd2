using DsProcess.Domain.Common;
using DsProcess.Domain.Notifications;

namespace DsProcess.Domain.Tests;

public sealed class NotificationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Long_text_is_cut_to_fit_with_an_ellipsis_and_never_inside_an_emoji(int padding)
    {
        var text = new string('x', padding) + string.Concat(Enumerable.Repeat("😀", 400));

        var shortened = new Notification(Guid.NewGuid(), NotificationKind.GateDecided, null, text, "/", DateTimeOffset.UtcNow).Text;

        Assert.True(shortened.Length <= Limits.NotificationText);
        Assert.EndsWith("😀…", shortened, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_fits_is_kept_as_it_is()
    {
        var text = new string('x', Limits.NotificationText);

        Assert.Equal(text, new Notification(Guid.NewGuid(), NotificationKind.TaskAssigned, null, text, "/", DateTimeOffset.UtcNow).Text);
    }
}
