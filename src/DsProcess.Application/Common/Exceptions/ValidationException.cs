using FluentValidation.Results;

namespace DsProcess.Application.Common.Exceptions;

/// <summary>Input was rejected; <see cref="Errors"/> maps each field to its messages.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IEnumerable<ValidationFailure> failures)
        : base("One or more fields are not valid.")
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public ValidationException(string field, string message)
        : this([new ValidationFailure(field, message)])
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
