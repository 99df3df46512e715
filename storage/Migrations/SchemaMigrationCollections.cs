namespace ChatBot.Storage.Migrations;

/// <summary>The record of applied migrations (<see cref="SchemaMigrator"/>), created with the others when the file is opened.</summary>
public sealed class SchemaMigrationCollections : IOwnsCollections
{
    private SchemaMigrationCollections() { }

    public static IReadOnlyList<string> Collections => [SchemaMigrator.Collection];
}
