using System.Collections;
using System.Collections.Immutable;

namespace Borealis.Sql.Syntax;

/// <summary>
/// An immutable list that compares by its elements, so syntax records built from lists keep
/// value equality (ImmutableArray alone compares by reference). The default value is empty.
/// </summary>
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> items;

    public ValueList(ImmutableArray<T> items) => this.items = items;

    public static ValueList<T> Empty => default;

    public int Count => items.IsDefault ? 0 : items.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => items[index];

    public ImmutableArray<T> AsImmutableArray() => items.IsDefault ? [] : items;

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public bool Equals(ValueList<T> other)
    {
        if (Count != other.Count) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < Count; i++)
        {
            if (!comparer.Equals(items[i], other.items[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsImmutableArray()) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    public static implicit operator ValueList<T>(ImmutableArray<T> items) => new(items);

    public static implicit operator ValueList<T>(T[] items) => new([.. items]);

    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";
}

/// <summary>Builds <see cref="ValueList{T}"/>s from collections.</summary>
public static class ValueList
{
    public static ValueList<T> Of<T>(params ReadOnlySpan<T> items) => new([.. items]);

    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new([.. items]);

    public static ValueList<T> ToValueList<T>(this List<T> items) => new([.. items]);
}
