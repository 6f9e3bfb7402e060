using System.Text.Json;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.AzureStorage.Tables.Serialization;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

public sealed class EntityJsonTests
{
    [Fact]
    public void Read_AnnotationAfterValue_StillTypesTheValue()
    {
        using var document = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","Big":"5000000000","Big@odata.type":"Edm.Int64","Id":"00000000-0000-0000-0000-000000000001","Id@odata.type":"Edm.Guid"}""");
        var entity = EntityJson.Read<TableEntity>(document.RootElement);
        Assert.Equal(5_000_000_000L, entity["Big"]);
        Assert.Equal(new Guid("00000000-0000-0000-0000-000000000001"), entity["Id"]);
    }

    [Fact]
    public void Read_UntypedNumbers_IntegerStaysInt32AndDecimalIsDouble()
    {
        using var document = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","A":1,"D":2.0,"S":"1"}""");
        var entity = EntityJson.Read<TableEntity>(document.RootElement);
        Assert.IsType<int>(entity["A"]);
        Assert.IsType<double>(entity["D"]);
        Assert.IsType<string>(entity["S"]);
    }

    [Fact]
    public void Read_WrongStoredTypeForProperty_ThrowsNamingIt()
    {
        using var document = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","Flag":"yes"}""");
        var error = Assert.Throws<InvalidOperationException>(() => EntityJson.Read<TableTestEntity>(document.RootElement));
        Assert.Contains("Flag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_DoubleAndSpecialValues_AreAnnotated()
    {
        var json = System.Text.Encoding.UTF8.GetString(EntityJson.Serialize(new TableEntity("p", "r") { ["D"] = 2.0, ["N"] = double.NaN, ["L"] = 7L }));
        Assert.Contains("\"D@odata.type\":\"Edm.Double\"", json, StringComparison.Ordinal);
        Assert.Contains("\"N\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"L@odata.type\":\"Edm.Int64\",\"L\":\"7\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnsupportedPropertyType_ThrowsNamingProperty()
    {
        var error = Assert.Throws<NotSupportedException>(() => EntityJson.Serialize(new WithList { PartitionKey = "p", RowKey = "r" }));
        Assert.Contains("WithList.Items", error.Message, StringComparison.Ordinal);
    }

    private sealed class WithList : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public Azure.ETag ETag { get; set; }

        public List<string> Items { get; set; } = [];
    }
}
