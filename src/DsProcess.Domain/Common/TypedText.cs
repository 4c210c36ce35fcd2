namespace DsProcess.Domain.Common;

public static class TypedText
{
    /// <summary>
    /// Text a person could have typed: no control characters other than tab and line breaks, and no half of a
    /// broken character (an unpaired UTF-16 surrogate). PostgreSQL refuses NUL in text, and a broken character
    /// cannot be encoded at all; both would otherwise fail deep in the database driver.
    /// </summary>
    public static bool IsClean(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }
}
