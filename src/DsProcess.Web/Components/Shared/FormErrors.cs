using FluentValidation;

namespace DsProcess.Web.Components.Shared;

/// <summary>
/// Field messages of one form, filled by the same FluentValidation validator the pipeline enforces and by
/// the server's refusals, so a field shows the same message whichever side caught the problem.
/// </summary>
public sealed class FormErrors
{
    private Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Set(IReadOnlyDictionary<string, string[]> errors) => _errors = errors.ToDictionary();

    /// <summary>Every message, for a form that shows them in one place.</summary>
    public string Summary => string.Join(" ", _errors.Values.SelectMany(m => m));

    /// <summary>Each field with its messages, for a form that lists them by field.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> ByField => _errors;

    public void Clear() => _errors = [];

    public async Task<bool> ValidateAsync<T>(IValidator<T> validator, T model)
    {
        var result = await validator.ValidateAsync(model);
        _errors = result.Errors
            .GroupBy(e => e.PropertyName, e => e.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
        return result.IsValid;
    }
}
