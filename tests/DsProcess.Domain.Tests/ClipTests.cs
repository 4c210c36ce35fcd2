using DsProcess.Domain.Common;

namespace DsProcess.Domain.Tests;

/// <summary>Long text cut to a column's length: the notifications, the activity log and the webhook delivery log use it.</summary>
public sealed class ClipTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("eleven char", 10, "eleven ch…")]
    [InlineData("abcdefgh😀😀", 10, "abcdefgh…")]
    [InlineData("abcdefg😀😀", 10, "abcdefg😀…")]
    public void Text_is_cut_with_an_ellipsis_and_never_inside_a_character(string text, int length, string expected)
    {
        var clipped = Limits.Clip(text, length);

        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= length);
        Assert.False(char.IsHighSurrogate(clipped[^1]), "no half character at the end");
    }
}
