-- MySQL dump 10.13  Distrib 8.0.40, for Linux (x86_64)
--
-- Host: 127.0.0.1    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.40

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `items`
--

DROP TABLE IF EXISTS `items`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `items` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `sku` varchar(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `name` varchar(200) COLLATE utf8mb4_bin DEFAULT NULL,
  `price` decimal(10,2) unsigned zerofill NOT NULL DEFAULT '0000000.00',
  `qty` int NOT NULL DEFAULT '0',
  `total` decimal(12,2) GENERATED ALWAYS AS ((`price` * `qty`)) STORED,
  `label` varchar(220) GENERATED ALWAYS AS (concat(`sku`,_utf8mb4' ',`name`)) VIRTUAL,
  `kind` enum('a','b','c') COLLATE utf8mb4_bin DEFAULT 'a',
  `flags` set('x','y') DEFAULT NULL,
  `active` tinyint(1) NOT NULL DEFAULT '1',
  `bits` bit(4) DEFAULT b'0101',
  `uuid` varchar(36) DEFAULT (uuid()),
  `doc` json DEFAULT NULL,
  `secret` varchar(10) DEFAULT NULL /*!80023 INVISIBLE */,
  `created` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `y` year DEFAULT NULL,
  `t` time(6) DEFAULT NULL,
  `body` mediumtext,
  `blob` longblob,
  `f` float DEFAULT NULL,
  `d` double(8,3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `sku` (`sku`),
  KEY `name_prefix` (`name`(10)),
  KEY `qty_desc` (`qty` DESC,`id`),
  KEY `expr` (((`qty` * 2))),
  KEY `hidden` (`kind`) /*!80000 INVISIBLE */,
  FULLTEXT KEY `ft` (`body`),
  CONSTRAINT `items_chk_1` CHECK ((`qty` >= 0)),
  CONSTRAINT `items_chk_2` CHECK ((`price` < 100000)) /*!80016 NOT ENFORCED */
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci ROW_FORMAT=DYNAMIC COMMENT='stock items';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `items`
--

LOCK TABLES `items` WRITE;
/*!40000 ALTER TABLE `items` DISABLE KEYS */;
INSERT INTO `items` (`id`, `sku`, `name`, `price`, `qty`, `kind`, `flags`, `active`, `bits`, `uuid`, `doc`, `secret`, `created`, `updated`, `y`, `t`, `body`, `blob`, `f`, `d`) VALUES (1,'A-1','Widget \"Pro\"',0000012.50,3,'a','x,y',1,0x05,'7c9e6679-7425-40de-944b-e07fc1f90ae7','{\"a\": [1, 2]}',NULL,'2024-01-02 03:04:05.678','2024-01-02 03:04:05',2024,'12:00:00.000001','line\none',_binary '\0\0\\',1.5,2.250),(2,'B-2',NULL,0000000.00,0,'b','',0,0x00,NULL,NULL,'s','2024-01-02 03:04:05.000',NULL,NULL,NULL,NULL,NULL,NULL,NULL),(3,'C-3','Café ☕',0000099.99,7,'c',NULL,1,NULL,'x',NULL,NULL,'2024-02-29 23:59:59.999','2024-02-29 23:59:59',1901,'-838:59:59.000000',NULL,0x89504E47,-0.000001,1e100);
/*!40000 ALTER TABLE `items` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `orders`
--

DROP TABLE IF EXISTS `orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `orders` (
  `id` int NOT NULL AUTO_INCREMENT,
  `item_id` bigint unsigned NOT NULL,
  `placed` date NOT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_item` (`item_id`),
  CONSTRAINT `fk_item` FOREIGN KEY (`item_id`) REFERENCES `items` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci /*!50100 TABLESPACE `innodb_system` */ STATS_PERSISTENT=0;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `orders`
--

LOCK TABLES `orders` WRITE;
/*!40000 ALTER TABLE `orders` DISABLE KEYS */;
/*!40000 ALTER TABLE `orders` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Temporary view structure for view `cheap`
--

DROP TABLE IF EXISTS `cheap`;
/*!50001 DROP VIEW IF EXISTS `cheap`*/;
SET @saved_cs_client     = @@character_set_client;
/*!50503 SET character_set_client = utf8mb4 */;
/*!50001 CREATE VIEW `cheap` AS SELECT 
 1 AS `id`,
 1 AS `name`*/;
SET character_set_client = @saved_cs_client;

--
-- Final view structure for view `cheap`
--

/*!50001 DROP VIEW IF EXISTS `cheap`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb4 */;
/*!50001 SET character_set_results     = utf8mb4 */;
/*!50001 SET collation_connection      = utf8mb4_0900_ai_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `cheap` AS select `items`.`id` AS `id`,`items`.`name` AS `name` from `items` where (`items`.`price` < 10) */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2024-03-01 10:00:00
