using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>纠纷类型, in the order township reports list them.</summary>
public enum DisputeType
{
    Family, Neighbour, HousingLand, ForestLand, Contract, Business, Damages, Labour,
    LandAcquisition, Environment, Medical, Traffic, Property, Other,
}
